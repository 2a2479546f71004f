package io.rootscope.analytics.rca.automap;

import io.rootscope.analytics.rca.BehaviorEdge;
import io.rootscope.analytics.rca.CleanedMetrics;
import io.rootscope.analytics.rca.DiagnosisWindow;
import io.rootscope.analytics.rca.Explanation;
import io.rootscope.analytics.rca.RankedService;
import io.rootscope.analytics.rca.WalkPath;
import io.rootscope.analytics.rca.causal.BehaviorGraph;
import io.rootscope.analytics.rca.causal.BehaviorGraphBuilder;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What AutoMAP derives from a window before weighting metric types: the cleaned metrics, the anomaly behavior graph,
 * the anomaly profile and, per metric type, each service's absolute correlation with the front-end. When the
 * front-end lacks a metric type (it often exposes only CPU and memory), a service's series of that type is compared
 * with the front-end series it correlates with most, so every type can still point at the front-end anomaly.
 */
final class WindowAnalysis {

    private static final int PATHS_SHOWN = 5;

    final DiagnosisWindow window;
    final CleanedMetrics metrics;
    final BehaviorGraph graph;
    final AnomalyProfile profile;
    /** frontendCorrelation[type][service] in [0, 1]. */
    final double[][] frontendCorrelation;

    WindowAnalysis(DiagnosisWindow window, AutoMapConfig config) {
        this.window = window;
        this.metrics = new CleanedMetrics(window);
        this.graph = new BehaviorGraphBuilder(config.alpha(), config.maxConditioningSetSize()).build(metrics);
        this.profile = AnomalyProfile.of(metrics, config.sigma());
        this.frontendCorrelation = frontendCorrelation(metrics);
    }

    private static double[][] frontendCorrelation(CleanedMetrics metrics) {
        DiagnosisWindow window = metrics.window();
        int types = window.metricTypes().size();
        int n = window.services().size();
        int fe = window.frontendIndex();
        PearsonsCorrelation pearson = new PearsonsCorrelation();
        double[][] c = new double[types][n];
        for (int t = 0; t < types; t++) {
            double[] own = metrics.seriesOf(t, fe);
            for (int s = 0; s < n; s++) {
                double[] x = metrics.seriesOf(t, s);
                if (x == null) {
                    continue;
                }
                if (own != null) {
                    c[t][s] = s == fe ? 1 : Math.abs(pearson.correlation(x, own));
                } else {
                    for (int u = 0; u < types; u++) {
                        double[] other = metrics.seriesOf(u, fe);
                        if (other != null) {
                            c[t][s] = Math.max(c[t][s], Math.abs(pearson.correlation(x, other)));
                        }
                    }
                }
                if (Double.isNaN(c[t][s])) {
                    c[t][s] = 0;
                }
            }
        }
        return c;
    }

    /**
     * S: each service's weighted mean correlation with the front-end anomaly over all metric types. A type the service
     * lacks counts as no evidence (0) rather than being left out: averaging over its available types only judges a
     * service on fewer, noisier series (on sockshop-rcd it lowered automap-robust's Avg@5 from .988 to .968).
     */
    double[] similarity(double[] typeWeights) {
        double total = Arrays.stream(typeWeights).sum();
        double[] s = new double[window.services().size()];
        for (int t = 0; t < typeWeights.length; t++) {
            for (int v = 0; v < s.length; v++) {
                s[v] += typeWeights[t] * frontendCorrelation[t][v] / total;
            }
        }
        return s;
    }

    /** Every service by score, ties broken by {@code tieBreak} then by name. */
    List<RankedService> ranking(double[] score, double[] tieBreak) {
        List<Integer> order = new ArrayList<>();
        for (int v = 0; v < score.length; v++) {
            order.add(v);
        }
        order.sort(Comparator.comparingDouble((Integer v) -> -score[v]).thenComparingDouble(v -> -tieBreak[v])
                .thenComparing(v -> window.services().get(v)));
        return order.stream().map(v -> new RankedService(window.services().get(v), score[v])).toList();
    }

    /** The 1-based rank of {@code service} under {@code score} (ties broken as in {@link #ranking}). */
    int rank(double[] score, double[] tieBreak, String service) {
        List<RankedService> ranking = ranking(score, tieBreak);
        for (int i = 0; i < ranking.size(); i++) {
            if (ranking.get(i).service().equals(service)) {
                return i + 1;
            }
        }
        throw new IllegalArgumentException("service " + service + " is not in the window");
    }

    /** service → metric type → that type's share of the service's similarity S. */
    Map<String, Map<String, Double>> similarityContributions(double[] typeWeights) {
        double total = Arrays.stream(typeWeights).sum();
        Map<String, Map<String, Double>> contributions = new LinkedHashMap<>();
        for (int v = 0; v < window.services().size(); v++) {
            Map<String, Double> byType = new LinkedHashMap<>();
            for (int t = 0; t < typeWeights.length; t++) {
                if (metrics.seriesOf(t, v) != null) {
                    byType.put(window.metricTypes().get(t).name(),
                            typeWeights[t] * frontendCorrelation[t][v] / total);
                }
            }
            contributions.put(window.services().get(v), byType);
        }
        return contributions;
    }

    /** The explanation: behavior-graph edges, the given per-type contributions, walk paths and type weights. */
    Explanation explanation(double[] typeWeights, Map<String, Map<String, Double>> contributions,
                            List<HeuristicRandomWalk.Path> paths) {
        List<WalkPath> walkPaths = paths.stream().limit(PATHS_SHOWN).map(p -> new WalkPath(
                Arrays.stream(p.nodes()).mapToObj(window.services()::get).toList(), p.walkers())).toList();
        Map<String, Double> weights = new LinkedHashMap<>();
        for (int t = 0; t < typeWeights.length; t++) {
            weights.put(window.metricTypes().get(t).name(), typeWeights[t]);
        }
        List<BehaviorEdge> edges = graph.edges();
        return new Explanation(edges, contributions, walkPaths, weights);
    }
}
