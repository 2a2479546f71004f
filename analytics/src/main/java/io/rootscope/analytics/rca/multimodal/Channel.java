package io.rootscope.analytics.rca.multimodal;

import io.rootscope.analytics.rca.EvidenceItem;
import org.apache.commons.math3.stat.descriptive.rank.Median;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One kind of evidence over the services of a case: a raw score per service that has the modality (how much it
 * changed from the normal period; services without it are absent, neither blamed nor cleared), the findings behind
 * each score, and the resolution below which differences are noise.
 */
final class Channel {

    private final String name;
    private final double resolution;
    private final Map<String, Double> raw = new HashMap<>();
    private final Map<String, List<EvidenceItem>> findings = new HashMap<>();

    /**
     * @param name       the channel's name, as reported in the contributions
     * @param resolution the smallest meaningful difference of raw scores, the floor of the spread in {@link #calibrated}
     */
    Channel(String name, double resolution) {
        this.name = name;
        this.resolution = resolution;
    }

    String name() {
        return name;
    }

    void score(String service, double value) {
        raw.put(service, value);
    }

    void finding(EvidenceItem item) {
        findings.computeIfAbsent(item.service(), s -> new ArrayList<>()).add(item);
    }

    List<EvidenceItem> findings(String service) {
        return findings.getOrDefault(service, List.of());
    }

    /**
     * The scores as robust z-values within the case: distance from the median of the services, in units of their
     * scaled median absolute deviation, floored at the resolution. Calibrating each channel within the case keeps the
     * channel with the most series from dominating, and one decisive signal stands far out whatever its units.
     * Empty with fewer than three scored services: no spread to judge against.
     */
    Map<String, Double> calibrated() {
        if (raw.size() < 3) {
            return Map.of();
        }
        double[] values = raw.values().stream().mapToDouble(Double::doubleValue).toArray();
        // Median keeps a cache per instance: one per call, as diagnoses run on several threads.
        Median medians = new Median();
        double median = medians.evaluate(values);
        double[] deviations = Arrays.stream(values).map(v -> Math.abs(v - median)).toArray();
        double spread = Math.max(1.4826 * medians.evaluate(deviations), resolution);
        Map<String, Double> z = new HashMap<>();
        raw.forEach((service, value) -> z.put(service, (value - median) / spread));
        return z;
    }
}
