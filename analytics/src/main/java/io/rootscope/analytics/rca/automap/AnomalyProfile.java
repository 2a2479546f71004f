package io.rootscope.analytics.rca.automap;

import io.rootscope.analytics.rca.CleanedMetrics;
import io.rootscope.analytics.rca.DiagnosisWindow;
import org.apache.commons.math3.stat.StatUtils;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * AutoMAP's anomaly profile (Ma et al., WWW 2020, Sect. 3.2): the service profiles of one anomaly, compared with past
 * anomalies by cosine similarity over (service, metric type) entries so that windows with different services still
 * compare. O(types × services × samples) to build, O(entries) to compare.
 */
public record AnomalyProfile(List<ServiceProfile> services) {

    /** Deviation, in normal-period standard deviations, beyond which a sample counts as anomalous. */
    public static final double SIGMA_DEFAULT = 3;

    public AnomalyProfile {
        services = List.copyOf(services);
    }

    /**
     * Profiles a window.
     *
     * @param sigma threshold in normal-period standard deviations, positive
     */
    public static AnomalyProfile of(CleanedMetrics metrics, double sigma) {
        if (!(sigma > 0)) {
            throw new IllegalArgumentException("sigma must be positive, got " + sigma);
        }
        DiagnosisWindow window = metrics.window();
        int split = window.normalEnd();
        List<ServiceProfile> profiles = new ArrayList<>();
        for (int s = 0; s < window.services().size(); s++) {
            Map<String, Double> degrees = new LinkedHashMap<>();
            for (int t = 0; t < window.metricTypes().size(); t++) {
                double[] x = metrics.seriesOf(t, s);
                if (x != null) {
                    degrees.put(window.metricTypes().get(t).name(), degree(x, split, sigma));
                }
            }
            profiles.add(new ServiceProfile(window.services().get(s), degrees));
        }
        return new AnomalyProfile(profiles);
    }

    /** The profile of stored degrees (service → metric type → degree), services in the map's order. */
    public static AnomalyProfile of(Map<String, Map<String, Double>> degrees) {
        return new AnomalyProfile(degrees.entrySet().stream().map(e -> new ServiceProfile(e.getKey(), e.getValue())).toList());
    }

    /** service → metric type → degree, in the profile's service order: {@link #of(Map)}'s input. */
    public Map<String, Map<String, Double>> degrees() {
        Map<String, Map<String, Double>> degrees = new LinkedHashMap<>();
        services.forEach(p -> degrees.put(p.service(), p.degrees()));
        return degrees;
    }

    private static double degree(double[] x, int split, double sigma) {
        double mean = StatUtils.mean(x, 0, split);
        double band = sigma * Math.sqrt(StatUtils.variance(x, mean, 0, split));
        int outside = 0;
        for (int i = split; i < x.length; i++) {
            outside += Math.abs(x[i] - mean) > band ? 1 : 0;
        }
        return (double) outside / (x.length - split);
    }

    /** Cosine similarity of the two profiles' (service, type) vectors; 0 when either is all zero. */
    public double cosineSimilarity(AnomalyProfile other) {
        Map<String, Double> a = flatten();
        Map<String, Double> b = other.flatten();
        double dot = 0;
        for (Map.Entry<String, Double> e : a.entrySet()) {
            dot += e.getValue() * b.getOrDefault(e.getKey(), 0.0);
        }
        double norms = Math.sqrt(squaredNorm(a) * squaredNorm(b));
        return norms == 0 ? 0 : dot / norms;
    }

    private Map<String, Double> flatten() {
        Map<String, Double> flat = new HashMap<>();
        for (ServiceProfile p : services) {
            p.degrees().forEach((type, degree) -> flat.put(p.service() + '\u0000' + type, degree));
        }
        return flat;
    }

    private static double squaredNorm(Map<String, Double> v) {
        return v.values().stream().mapToDouble(x -> x * x).sum();
    }
}
