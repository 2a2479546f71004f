package io.rootscope.analytics.rca.automap;

import io.rootscope.analytics.rca.MetricType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * AutoMAP's metric selection (Ma et al., WWW 2020, Sect. 3.2): each past diagnosis with known root cause is kept
 * with its anomaly profile and, per metric type, the precision that type alone reached on it. A new anomaly weights
 * each metric type by its mean precision over the k past anomalies with the most similar profiles (cosine). Types
 * never measured in those neighbours, or all types when nothing is known yet, weigh 1. Updated by {@link #record}
 * after each labelled diagnosis, or replaced by a stored history ({@link #recall}). O(history × profile entries) per query.
 */
public final class MetricTypeWeightLearner {

    public static final int NEIGHBOURS_DEFAULT = 5;

    /** A past anomaly: its profile and each metric type's precision on it. */
    public record PastDiagnosis(AnomalyProfile profile, Map<String, Double> precisionByType) {
        public PastDiagnosis {
            precisionByType = Map.copyOf(precisionByType);
        }
    }

    private final int neighbours;
    private final List<PastDiagnosis> history = new ArrayList<>();

    /** @param neighbours how many most similar past anomalies to learn from, at least 1 */
    public MetricTypeWeightLearner(int neighbours) {
        if (neighbours < 1) {
            throw new IllegalArgumentException("neighbours must be >= 1, got " + neighbours);
        }
        this.neighbours = neighbours;
    }

    public MetricTypeWeightLearner() {
        this(NEIGHBOURS_DEFAULT);
    }

    public void record(AnomalyProfile profile, Map<String, Double> precisionByType) {
        history.add(new PastDiagnosis(profile, precisionByType));
    }

    /** Replaces the history by {@code past}, oldest first (a stored history, read back). */
    public void recall(List<PastDiagnosis> past) {
        history.clear();
        history.addAll(past);
    }

    /** Weights of {@code types} for an anomaly with this profile, in the same order. */
    public double[] weights(AnomalyProfile profile, List<MetricType> types) {
        List<PastDiagnosis> nearest = history.stream()
                .sorted(Comparator.comparingDouble((PastDiagnosis p) -> -p.profile().cosineSimilarity(profile)))
                .limit(neighbours).toList();
        double[] weights = new double[types.size()];
        boolean any = false;
        for (int t = 0; t < types.size(); t++) {
            String name = types.get(t).name();
            double[] precisions = nearest.stream().filter(p -> p.precisionByType().containsKey(name))
                    .mapToDouble(p -> p.precisionByType().get(name)).toArray();
            weights[t] = precisions.length == 0 ? 1 : Arrays.stream(precisions).average().orElseThrow();
            any |= weights[t] > 0;
        }
        if (!any) {
            Arrays.fill(weights, 1);
        }
        return weights;
    }
}
