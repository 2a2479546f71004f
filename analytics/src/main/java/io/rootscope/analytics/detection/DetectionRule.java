package io.rootscope.analytics.detection;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What to watch and how: a detector applied to some metrics of every resource (or of one SLI resource), with
 * the hysteresis that turns its verdicts into incidents. Anomalies on any of the rule's metrics of one resource
 * group share one incident.
 *
 * @param name        stable identifier, part of incident dedup keys: lower-case letters, digits, '-' and '_'
 * @param sliResource when present, the rule watches only this resource (a URN), the service whose indicator it is
 */
public record DetectionRule(String name, List<MetricSelector> metrics, AnomalyDetector detector, Hysteresis hysteresis,
                            Optional<String> sliResource) {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]*");

    public DetectionRule {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("rule name must match " + NAME + ", got '" + name + "'");
        }
        if (metrics == null || metrics.isEmpty()) {
            throw new IllegalArgumentException("rule " + name + " must watch at least one metric");
        }
        metrics = List.copyOf(metrics);
        if (detector == null || hysteresis == null || sliResource == null) {
            throw new IllegalArgumentException("rule " + name + " needs a detector, a hysteresis and an SLI resource or none");
        }
    }

    /**
     * The rule of an SLO: it opens on the first violating point once violations have lasted the SLO's
     * for-duration, and closes after {@code closeAfterPoints} compliant points.
     */
    public static DetectionRule slo(String name, ThresholdRule slo, int closeAfterPoints, Optional<String> sliResource) {
        return new DetectionRule(name, List.of(slo.selector()), slo, new Hysteresis(1, slo.forDuration(), closeAfterPoints),
                sliResource);
    }

    /** Whether this rule checks a service-level objective rather than looking for statistical anomalies. */
    public boolean isSlo() {
        return detector instanceof ThresholdRule;
    }
}
