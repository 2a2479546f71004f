package io.rootscope.analytics.rca.baseline;

import io.rootscope.analytics.rca.CleanedMetrics;
import io.rootscope.analytics.rca.DiagnosisWindow;
import io.rootscope.analytics.rca.Explanation;
import io.rootscope.analytics.rca.RankedService;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-series anomaly scores: the largest deviation in the anomalous period from a centre fitted on the reference
 * (normal) period, in units of a scale fitted there. A service scores the maximum over its metric types. Scales are
 * floored at {@link #RELATIVE_SCALE_FLOOR} of the centre's magnitude: a series flat during the reference period
 * (memory in bytes, say) would otherwise turn any change into an unbounded score. O(types × services × samples).
 */
public final class DeviationScores {

    /** Smallest scale, relative to |centre|, so flat reference periods do not give unbounded scores. */
    public static final double RELATIVE_SCALE_FLOOR = 1e-3;
    private static final double ABSOLUTE_SCALE_FLOOR = 1e-9;

    /** Fits a centre and a scale on a reference period. */
    public interface Reference {
        /** @return {centre, scale} of the values */
        double[] fit(double[] reference);
    }

    private final DiagnosisWindow window;
    /** scores[type][service], 0 where the service has no usable series of that type. */
    private final double[][] scores;

    public DeviationScores(CleanedMetrics metrics, Reference reference) {
        this.window = metrics.window();
        int split = window.normalEnd();
        int types = window.metricTypes().size();
        int n = window.services().size();
        scores = new double[types][n];
        for (int t = 0; t < types; t++) {
            for (int s = 0; s < n; s++) {
                double[] x = metrics.seriesOf(t, s);
                if (x == null) {
                    continue;
                }
                double[] fit = reference.fit(Arrays.copyOfRange(x, 0, split));
                double floor = Math.max(RELATIVE_SCALE_FLOOR * Math.abs(fit[0]), ABSOLUTE_SCALE_FLOOR);
                double scale = Math.max(fit[1], floor);
                double worst = 0;
                for (int i = split; i < x.length; i++) {
                    worst = Math.max(worst, Math.abs(x[i] - fit[0]) / scale);
                }
                scores[t][s] = worst;
            }
        }
    }

    public DiagnosisWindow window() {
        return window;
    }

    /** Score of a service: its maximum over metric types. */
    public double serviceScore(int service) {
        double max = 0;
        for (double[] byService : scores) {
            max = Math.max(max, byService[service]);
        }
        return max;
    }

    /** Every service, highest score first (ties by name, so rankings are deterministic). */
    public List<RankedService> ranking() {
        List<RankedService> ranking = new ArrayList<>();
        for (int s = 0; s < window.services().size(); s++) {
            ranking.add(new RankedService(window.services().get(s), serviceScore(s)));
        }
        ranking.sort(Comparator.comparingDouble(RankedService::score).reversed()
                .thenComparing(RankedService::service));
        return ranking;
    }

    /** service → metric type → score, for the explanation. */
    public Map<String, Map<String, Double>> contributions() {
        Map<String, Map<String, Double>> out = new LinkedHashMap<>();
        for (int s = 0; s < window.services().size(); s++) {
            Map<String, Double> byType = new LinkedHashMap<>();
            for (int t = 0; t < scores.length; t++) {
                if (scores[t][s] > 0) {
                    byType.put(window.metricTypes().get(t).name(), scores[t][s]);
                }
            }
            out.put(window.services().get(s), byType);
        }
        return out;
    }

    /** An explanation holding only the per-metric contributions. */
    public Explanation explanation() {
        return new Explanation(List.of(), contributions(), List.of(), Map.of());
    }
}
