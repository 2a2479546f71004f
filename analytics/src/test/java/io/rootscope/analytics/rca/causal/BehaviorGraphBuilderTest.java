package io.rootscope.analytics.rca.causal;

import io.rootscope.analytics.evaluation.SyntheticCausalData;
import io.rootscope.analytics.rca.BehaviorEdge;
import io.rootscope.analytics.rca.CleanedMetrics;
import io.rootscope.analytics.rca.DiagnosisWindow;
import io.rootscope.analytics.rca.MetricType;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BehaviorGraphBuilderTest {

    private static final int N = 1000;

    /** a → b in CPU only, c → d in memory only; everything else independent. */
    private static DiagnosisWindow.Builder twoTypes(Random r) {
        long[] times = new long[N];
        double[][] cpu = new double[4][N];
        double[][] mem = new double[4][N];
        for (int t = 0; t < N; t++) {
            times[t] = t;
            for (int s = 0; s < 4; s++) {
                cpu[s][t] = r.nextGaussian();
                mem[s][t] = r.nextGaussian();
            }
            cpu[1][t] += 0.8 * cpu[0][t];
            mem[3][t] += 0.8 * mem[2][t];
        }
        DiagnosisWindow.Builder b = DiagnosisWindow.builder(times, "a");
        String[] names = {"a", "b", "c", "d"};
        for (int s = 0; s < 4; s++) {
            b.series(names[s], MetricType.CPU, cpu[s]).series(names[s], MetricType.MEMORY, mem[s]);
        }
        return b;
    }

    private static List<BehaviorEdge> edges(DiagnosisWindow window) {
        return new BehaviorGraphBuilder(0.01, 2).build(new CleanedMetrics(window)).edges();
    }

    @Test
    void edgeKeptWhenDependentInAnyTypeWithThatTypesWeightOnly() {
        List<BehaviorEdge> edges = edges(twoTypes(new Random(1)).build());
        assertEquals(2, edges.size(), edges.toString());
        BehaviorEdge ab = edges.get(0);
        BehaviorEdge cd = edges.get(1);
        assertEquals(List.of("a", "b", "c", "d"), List.of(ab.cause(), ab.effect(), cd.cause(), cd.effect()));
        assertEquals(Map.of("cpu", ab.weights().get("cpu")), ab.weights());
        assertEquals(Map.of("memory", cd.weights().get("memory")), cd.weights());
        assertEquals(0.62, ab.weights().get("cpu"), 0.05, "0.8 / √(1 + 0.64)");
        assertTrue(!ab.oriented() && !cd.oriented(), "two variables cannot be oriented from data");
    }

    @Test
    void callGraphOrientsCalleeToCaller() {
        List<BehaviorEdge> edges = edges(twoTypes(new Random(2)).callGraphEdge("b", "a").callGraphEdge("c", "d")
                .build());
        assertTrue(edges.stream().anyMatch(e -> e.cause().equals("a") && e.effect().equals("b") && e.oriented()));
        assertTrue(edges.stream().anyMatch(e -> e.cause().equals("d") && e.effect().equals("c") && e.oriented()));
    }

    /** PC on random linear SEMs of 20 services recovers the true skeleton and most directions. */
    @Test
    void recoversRandomStructuralEquationModels() {
        int n = 20;
        int trueEdges = 0;
        int found = 0;
        int correct = 0;
        int oriented = 0;
        int rightWay = 0;
        for (int seed = 1; seed <= 3; seed++) {
            SyntheticCausalData data = new SyntheticCausalData(n, 2, List.of(MetricType.CPU), new Random(seed));
            Map<String, Integer> index = new HashMap<>();
            for (int i = 0; i < n; i++) {
                index.put(SyntheticCausalData.serviceName(i), i);
                for (int j = 0; j < n; j++) {
                    trueEdges += data.causes(i, j) ? 1 : 0;
                }
            }
            for (BehaviorEdge e : edges(data.window(2000, 1, 0, new Random(seed)))) {
                int cause = index.get(e.cause());
                int effect = index.get(e.effect());
                found++;
                correct += data.causes(cause, effect) || data.causes(effect, cause) ? 1 : 0;
                oriented += e.oriented() ? 1 : 0;
                rightWay += e.oriented() && data.causes(cause, effect) ? 1 : 0;
            }
        }
        assertTrue(correct >= 0.9 * found, "precision " + correct + "/" + found);
        assertTrue(correct >= 0.9 * trueEdges, "recall " + correct + "/" + trueEdges);
        assertTrue(rightWay >= 0.8 * oriented, "orientation " + rightWay + "/" + oriented);
        assertTrue(oriented >= 0.5 * found, "oriented " + oriented + "/" + found);
    }

    @Test
    void rejectsBadParameters() {
        assertThrows(IllegalArgumentException.class, () -> new BehaviorGraphBuilder(1.5, 2));
        assertThrows(IllegalArgumentException.class, () -> new BehaviorGraphBuilder(0.05, -1));
    }
}
