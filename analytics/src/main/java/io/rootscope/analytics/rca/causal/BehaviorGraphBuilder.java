package io.rootscope.analytics.rca.causal;

import io.rootscope.analytics.rca.CleanedMetrics;
import io.rootscope.analytics.rca.DiagnosisWindow;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Builds AutoMAP's anomaly behavior graph (Ma et al., WWW 2020, Sect. 3.1): one PC skeleton per metric type with
 * Fisher-z tests on that type's correlation matrix (computed once), the union of the skeletons, orientation by
 * v-structures and Meek's rules with the known call graph as background knowledge (a callee's anomaly propagates to
 * its caller, so callee → caller). An unshielded triple i – k – j is a collider when i and j were separated in some
 * metric type and k is in none of their separating sets. Metric types run in parallel. Cost per type: O(s² T) for
 * the correlations of s services over T samples, plus the PC tests.
 */
public final class BehaviorGraphBuilder {

    private final double alpha;
    private final int maxConditioningSetSize;

    /**
     * @param alpha                  significance level of the Fisher-z tests, in (0, 1)
     * @param maxConditioningSetSize largest separating set tried, at least 0
     */
    public BehaviorGraphBuilder(double alpha, int maxConditioningSetSize) {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1), got " + alpha);
        }
        if (maxConditioningSetSize < 0) {
            throw new IllegalArgumentException("maximum conditioning set size must be >= 0, got "
                    + maxConditioningSetSize);
        }
        this.alpha = alpha;
        this.maxConditioningSetSize = maxConditioningSetSize;
    }

    public BehaviorGraphBuilder() {
        this(FisherZTest.ALPHA_DEFAULT, PcSkeleton.MAX_CONDITIONING_SET_SIZE_DEFAULT);
    }

    /** One metric type's skeleton, in window service indices. */
    private record TypeSkeleton(int[] services, double[][] correlation, PcSkeleton skeleton) {
    }

    public BehaviorGraph build(CleanedMetrics metrics) {
        DiagnosisWindow window = metrics.window();
        int n = window.services().size();
        int types = window.metricTypes().size();
        TypeSkeleton[] skeletons = IntStream.range(0, types).parallel()
                .mapToObj(t -> skeleton(metrics, t)).toArray(TypeSkeleton[]::new);

        double[][][] weights = new double[types][n][n];
        boolean[][] adjacency = new boolean[n][n];
        // Key i·n + j (i < j): per type that separated i and j, the separating set in window indices.
        Map<Integer, List<int[]>> separations = new HashMap<>();
        for (int t = 0; t < types; t++) {
            TypeSkeleton ts = skeletons[t];
            if (ts == null) {
                continue;
            }
            int[] owner = ts.services();
            for (int a = 0; a < owner.length; a++) {
                for (int b = 0; b < owner.length; b++) {
                    if (a == b) {
                        continue;
                    }
                    int u = owner[a];
                    int v = owner[b];
                    if (ts.skeleton().adjacent(a, b)) {
                        adjacency[u][v] = true;
                        weights[t][u][v] = Math.abs(ts.correlation()[a][b]);
                    } else if (a < b) {
                        int[] set = ts.skeleton().separatingSet(a, b);
                        int[] mapped = IntStream.of(set).map(k -> owner[k]).toArray();
                        separations.computeIfAbsent(Math.min(u, v) * n + Math.max(u, v), k -> new ArrayList<>(1))
                                .add(mapped);
                    }
                }
            }
        }
        PcOrientation.SeparationOracle collider = (i, k, j) -> {
            List<int[]> sets = separations.get(Math.min(i, j) * n + Math.max(i, j));
            return sets != null && sets.stream().noneMatch(set -> IntStream.of(set).anyMatch(x -> x == k));
        };
        PartiallyDirectedGraph graph = PcOrientation.orient(adjacency, collider, callGraphPrior(window));
        return new BehaviorGraph(window.services(), window.metricTypes(), graph, weights);
    }

    private TypeSkeleton skeleton(CleanedMetrics metrics, int type) {
        double[][] series = metrics.series(type);
        if (series.length < 2) {
            return null;
        }
        int samples = series[0].length;
        double[][] columns = new double[samples][series.length];
        for (int s = 0; s < series.length; s++) {
            for (int t = 0; t < samples; t++) {
                columns[t][s] = series[s][t];
            }
        }
        double[][] correlation = new PearsonsCorrelation().computeCorrelationMatrix(
                new Array2DRowRealMatrix(columns, false)).getData();
        PcSkeleton skeleton = new PcSkeleton(new FisherZTest(correlation, samples, alpha), maxConditioningSetSize);
        return new TypeSkeleton(metrics.services(type), correlation, skeleton);
    }

    private static List<int[]> callGraphPrior(DiagnosisWindow window) {
        List<int[]> prior = new ArrayList<>();
        List<String> services = window.services();
        window.callGraph().forEach((caller, callees) -> callees.forEach(callee -> {
            int from = services.indexOf(callee);
            int to = services.indexOf(caller);
            if (from >= 0 && to >= 0) {
                prior.add(new int[]{from, to});
            }
        }));
        return prior;
    }
}
