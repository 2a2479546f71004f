package io.rootscope.analytics.rca.automap;

import io.rootscope.analytics.evaluation.SyntheticCausalData;
import io.rootscope.analytics.rca.BehaviorEdge;
import io.rootscope.analytics.rca.Diagnosis;
import io.rootscope.analytics.rca.DiagnosisWindow;
import io.rootscope.analytics.rca.Lesson;
import io.rootscope.analytics.rca.MetricType;
import io.rootscope.analytics.rca.RootCauseMethod;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AutoMapTest {

    private static final List<MetricType> TYPES = List.of(MetricType.LATENCY, MetricType.CPU);

    /**
     * db → backend → front-end ← cache, with a level shift injected into db: the SEM of a known DAG, two metric
     * types, the call graph known.
     */
    private static DiagnosisWindow chainWindow(Random random) {
        return chainWindow(random, "db");
    }

    /** The same, with the CPU shift injected into {@code cpuShifted} instead: CPU alone then points elsewhere. */
    private static DiagnosisWindow chainWindow(Random random, String cpuShifted) {
        int samples = 300;
        long[] times = new long[samples];
        for (int t = 0; t < samples; t++) {
            times[t] = 1000 + t;
        }
        DiagnosisWindow.Builder b = DiagnosisWindow.builder(times, "front-end").anomalyStart(1150)
                .callGraphEdge("front-end", "backend").callGraphEdge("front-end", "cache")
                .callGraphEdge("backend", "db");
        for (MetricType type : TYPES) {
            double[] db = new double[samples];
            double[] backend = new double[samples];
            double[] cache = new double[samples];
            double[] frontend = new double[samples];
            for (int t = 0; t < samples; t++) {
                double shift = t >= 150 ? 5 : 0;
                boolean elsewhere = type == MetricType.CPU && !cpuShifted.equals("db");
                db[t] = random.nextGaussian() + (elsewhere ? 0 : shift);
                backend[t] = 0.9 * db[t] + random.nextGaussian();
                cache[t] = random.nextGaussian() + (elsewhere ? shift : 0);
                frontend[t] = 0.8 * backend[t] + 0.8 * cache[t] + random.nextGaussian();
            }
            b.series("db", type, db).series("backend", type, backend).series("cache", type, cache)
                    .series("front-end", type, frontend);
        }
        return b.build();
    }

    @Test
    void randomWalkRanksTheInjectedRootFirstAndExplainsThePath() {
        DiagnosisWindow window = chainWindow(new Random(11));
        Diagnosis d = new AutoMap(AutoMapConfig.DEFAULT, new Random(3)).rank(window);
        assertEquals("db", d.ranking().get(0).service());
        assertEquals(List.of("front-end", "backend", "db"), d.explanation().paths().get(0).services());
        BehaviorEdge edge = d.explanation().edges().stream()
                .filter(e -> e.cause().equals("db") && e.effect().equals("backend")).findFirst().orElseThrow();
        assertTrue(edge.oriented());
        assertTrue(edge.weights().get("latency") > 0.5);
        assertFalse(d.explanation().edges().stream().anyMatch(e -> e.cause().equals("cache")
                && e.effect().equals("db")));
        assertEquals(Map.of("latency", 1.0, "cpu", 1.0), d.explanation().metricTypeWeights());
    }

    @Test
    void exactDistributionAgreesWithTheWalk() {
        DiagnosisWindow window = chainWindow(new Random(12));
        AutoMapConfig exact = AutoMapConfig.fromParameters(AutoMap.NAME, Map.of("exact", "true"));
        assertEquals("db", new AutoMap(exact, new Random(1)).rank(window).ranking().get(0).service());
    }

    @Test
    void sameSeedSameDiagnosis() {
        DiagnosisWindow window = chainWindow(new Random(13));
        assertEquals(AutoMap.fromParameters(Map.of()).rank(window), AutoMap.fromParameters(Map.of()).rank(window));
    }

    /** On random DAGs the root is usually, not always, first: the walk prefers the service nearest the front-end
     * when correlations tie. The robust variant should do at least as well. */
    @Test
    void ranksTheRootFirstOnMostRandomStructuralEquationModels() {
        int automapFirst = 0;
        int robustFirst = 0;
        int cases = 15;
        for (int seed = 1; seed <= cases; seed++) {
            SyntheticCausalData data = new SyntheticCausalData(10, 2, TYPES, new Random(seed));
            int root = 1 + new Random(seed).nextInt(9);
            DiagnosisWindow window = data.window(400, root, 6, new Random(seed + 100));
            String truth = SyntheticCausalData.serviceName(root);
            automapFirst += first(AutoMap.fromParameters(Map.of("exact", "true")), window, truth);
            robustFirst += first(AutoMapRobust.fromParameters(Map.of()), window, truth);
        }
        assertTrue(automapFirst >= 10, "automap ranked the root first in " + automapFirst + "/" + cases);
        assertTrue(robustFirst >= 14, "automap-robust ranked the root first in " + robustFirst + "/" + cases);
    }

    private static int first(RootCauseMethod method, DiagnosisWindow window, String truth) {
        return method.rank(window).ranking().get(0).service().equals(truth) ? 1 : 0;
    }

    @Test
    void learningReweightsMetricTypesByTheirPrecision() {
        AutoMap automap = AutoMap.fromParameters(Map.of());
        DiagnosisWindow window = chainWindow(new Random(14));
        automap.rank(window);
        automap.learn(window, "db");
        Map<String, Double> weights = automap.rank(window).explanation().metricTypeWeights();
        assertEquals(2, weights.size());
        assertTrue(weights.values().stream().allMatch(w -> w > 0 && w <= 1));
    }

    @Test
    void aStoredLessonRecalledByAFreshInstanceWeighsAsLearningDid() {
        DiagnosisWindow window = chainWindow(new Random(14), "cache");
        AutoMapRobust learned = AutoMapRobust.fromParameters(Map.of());
        learned.learn(window, "db");
        AutoMapRobust fresh = AutoMapRobust.fromParameters(Map.of());
        Map<String, Double> before = fresh.rank(window).explanation().metricTypeWeights();
        Lesson lesson = fresh.lesson(window, "db").orElseThrow();
        // lesson() records nothing by itself
        assertEquals(before, fresh.rank(window).explanation().metricTypeWeights());
        fresh.recall(List.of(lesson));
        assertEquals(learned.rank(window).explanation().metricTypeWeights(), fresh.rank(window).explanation().metricTypeWeights());
        assertNotEquals(before, fresh.rank(window).explanation().metricTypeWeights());
        fresh.recall(List.of());
        assertEquals(before, fresh.rank(window).explanation().metricTypeWeights());
        assertTrue(fresh.lesson(window, "not-in-the-window").isEmpty());
        assertTrue(fresh.learns());
    }

    @Test
    void rejectsBadConfiguration() {
        assertThrows(IllegalArgumentException.class, () -> AutoMap.fromParameters(Map.of("rho", "2")));
        assertThrows(IllegalArgumentException.class, () -> AutoMap.fromParameters(Map.of("alpha", "0")));
        assertThrows(IllegalArgumentException.class, () -> AutoMap.fromParameters(Map.of("exact", "yes")));
        assertThrows(IllegalArgumentException.class, () -> AutoMap.fromParameters(Map.of("lambda", "0.5")));
        assertThrows(IllegalArgumentException.class, () -> AutoMapRobust.fromParameters(Map.of("lambda", "2")));
        assertThrows(IllegalArgumentException.class, () -> AutoMapRobust.fromParameters(Map.of("walkers", "0")));
    }
}
