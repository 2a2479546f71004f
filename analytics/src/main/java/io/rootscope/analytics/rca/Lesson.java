package io.rootscope.analytics.rca;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one confirmed root cause taught a learning method, in plain values so that it can be stored and recalled
 * elsewhere (the backend keeps a tenant's lessons in PostgreSQL): AutoMAP's anomaly profile of the diagnosed window
 * (service → metric type → anomaly degree) and the precision each metric type alone reached on it.
 *
 * @param profile         service → metric type name → anomaly degree in [0, 1]
 * @param precisionByType metric type name → precision in [0, 1]
 */
public record Lesson(Map<String, Map<String, Double>> profile, Map<String, Double> precisionByType) {

    public Lesson {
        Map<String, Map<String, Double>> copy = new LinkedHashMap<>();
        profile.forEach((service, degrees) -> copy.put(service, Map.copyOf(degrees)));
        profile = Collections.unmodifiableMap(copy);
        precisionByType = Map.copyOf(precisionByType);
    }
}
