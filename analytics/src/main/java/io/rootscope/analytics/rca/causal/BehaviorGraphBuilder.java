package io.rootscope.analytics.rca.causal;

import io.rootscope.analytics.rca.CleanedMetrics;
import io.rootscope.analytics.rca.DiagnosisWindow;
import org.apache.commons.math3.linear.BlockRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.stat.StatUtils;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
        int[][] local = new int[types][n];
        for (int t = 0; t < types; t++) {
            Arrays.fill(local[t], -1);
            TypeSkeleton ts = skeletons[t];
            if (ts == null) {
                continue;
            }
            int[] owner = ts.services();
            for (int a = 0; a < owner.length; a++) {
                local[t][owner[a]] = a;
                for (int b = 0; b < owner.length; b++) {
                    if (a != b && ts.skeleton().adjacent(a, b)) {
                        adjacency[owner[a]][owner[b]] = true;
                        weights[t][owner[a]][owner[b]] = Math.abs(ts.correlation()[a][b]);
                    }
                }
            }
        }
        PcOrientation.SeparationOracle collider = (i, k, j) -> {
            boolean separated = false;
            for (int t = 0; t < types; t++) {
                int a = local[t][i];
                int b = local[t][j];
                if (skeletons[t] == null || a < 0 || b < 0) {
                    continue;
                }
                separated = true;
                int c = local[t][k];
                if (c >= 0 && IntStream.of(skeletons[t].skeleton().separatingSet(a, b)).anyMatch(x -> x == c)) {
                    return false;
                }
            }
            return separated;
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
        double[][] correlation = correlation(series);
        PcSkeleton skeleton = new PcSkeleton(new FisherZTest(correlation, samples, alpha), maxConditioningSetSize);
        return new TypeSkeleton(metrics.services(type), correlation, skeleton);
    }

    /**
     * Pearson correlations of the rows as Z Zᵀ with each row standardised: one matrix product, O(s² T), where
     * pairwise computation costs an order of magnitude more at 500 services.
     */
    private static double[][] correlation(double[][] series) {
        int samples = series[0].length;
        double[][] z = new double[series.length][];
        for (int s = 0; s < series.length; s++) {
            double mean = StatUtils.mean(series[s]);
            double norm = Math.sqrt(StatUtils.variance(series[s], mean) * (samples - 1));
            z[s] = new double[samples];
            for (int t = 0; t < samples; t++) {
                z[s][t] = (series[s][t] - mean) / norm;
            }
        }
        RealMatrix standardised = new BlockRealMatrix(z);
        double[][] c = standardised.multiply(standardised.transpose()).getData();
        for (int i = 0; i < c.length; i++) {
            c[i][i] = 1;
        }
        return c;
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
