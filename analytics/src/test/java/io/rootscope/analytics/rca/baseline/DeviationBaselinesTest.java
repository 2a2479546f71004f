package io.rootscope.analytics.rca.baseline;

import io.rootscope.analytics.evaluation.SyntheticCausalData;
import io.rootscope.analytics.rca.Diagnosis;
import io.rootscope.analytics.rca.DiagnosisWindow;
import io.rootscope.analytics.rca.MetricType;
import io.rootscope.analytics.rca.RootCauseMethod;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeviationBaselinesTest {

    /**
     * db's memory (bytes) grows in the anomalous half; web's CPU (percent) is noisy; cache's memory is constant, its
     * CPU empty; the front-end's memory is flat during the normal half and moves by a few bytes.
     */
    private static DiagnosisWindow mixedScales() {
        int n = 40;
        long[] times = new long[n];
        Random random = new Random(4);
        double[] dbMem = new double[n];
        double[] webCpu = new double[n];
        double[] cacheMem = new double[n];
        double[] cacheCpu = new double[n];
        double[] feMem = new double[n];
        for (int t = 0; t < n; t++) {
            times[t] = t;
            dbMem[t] = 3e8 + 1e5 * random.nextGaussian() + (t >= 20 ? 5e7 : 0);
            webCpu[t] = 20 + 5 * random.nextGaussian();
            cacheMem[t] = 1e8;
            cacheCpu[t] = Double.NaN;
            feMem[t] = 2e8 + (t >= 20 ? 64 : 0);
        }
        return DiagnosisWindow.builder(times, "front-end").anomalyStart(20)
                .series("db", MetricType.MEMORY, dbMem).series("web", MetricType.CPU, webCpu)
                .series("cache", MetricType.MEMORY, cacheMem).series("cache", MetricType.CPU, cacheCpu)
                .series("front-end", MetricType.MEMORY, feMem).build();
    }

    @Test
    void baroAndNSigmaRankTheShiftedServiceFirstWhateverTheScales() {
        for (RootCauseMethod method : List.of(new Baro(), new NSigma())) {
            Diagnosis d = method.rank(mixedScales());
            assertEquals("db", d.ranking().get(0).service(), method.name());
            assertEquals(4, d.ranking().size());
            assertTrue(d.ranking().stream().allMatch(r -> Double.isFinite(r.score())), method.name());
            assertEquals(Map.of(), d.explanation().metricContributions().get("cache"), method.name());
            assertTrue(d.explanation().metricContributions().get("db").get("memory") > 100, method.name());
        }
    }

    @Test
    void flatReferencePeriodsAreScaledRelativeToTheirLevel() {
        Diagnosis d = new Baro().rank(mixedScales());
        // 64 bytes on 2e8 is 64 / (1e-3 · 2e8) = 3.2e-4 scale units, not infinity
        double fe = d.ranking().stream().filter(r -> r.service().equals("front-end")).findFirst().orElseThrow()
                .score();
        assertEquals(64 / (DeviationScores.RELATIVE_SCALE_FLOOR * 2e8), fe, 1e-9);
    }

    @Test
    void aReferenceMostlyAtOneValueIsScaledByItsBlips() {
        // An availability at 1 but for 4 blips to 0.9 in 40 normal samples, then one more blip; memory grows by 20 IQRs.
        int n = 60;
        long[] times = new long[n];
        double[] availability = new double[n];
        double[] memory = new double[n];
        Random random = new Random(7);
        for (int t = 0; t < n; t++) {
            times[t] = t;
            availability[t] = t % 10 == 5 || t == 50 ? 0.9 : 1;
            memory[t] = 1e8 + 1e6 * random.nextGaussian() + (t >= 40 ? 2e7 * 1.349 : 0);
        }
        DiagnosisWindow window = DiagnosisWindow.builder(times, "front-end").anomalyStart(40)
                .series("front-end", MetricType.AVAILABILITY, availability).series("leaky", MetricType.MEMORY, memory).build();
        Diagnosis d = new Baro().rank(window);
        // IQR 0; mean absolute deviation 4 · 0.1 / 40 = 0.01, on the IQR's scale 0.0169: the blip is 5.9 of those.
        assertEquals(0.1 / (Baro.IQR_PER_MEAN_ABSOLUTE_DEVIATION * 0.01), d.explanation().metricContributions()
                .get("front-end").get("availability"), 1e-9);
        assertEquals("leaky", d.ranking().get(0).service(), d.ranking().toString());
    }

    @Test
    void personalizedPageRankRanksTheRootHighOnSyntheticData() {
        int top3 = 0;
        for (int seed = 1; seed <= 10; seed++) {
            SyntheticCausalData data = new SyntheticCausalData(8, 1, List.of(MetricType.LATENCY), new Random(seed));
            DiagnosisWindow window = data.window(400, 7, 6, new Random(seed));
            Diagnosis d = PersonalizedPageRank.fromParameters(Map.of()).rank(window);
            top3 += d.rankOf(SyntheticCausalData.serviceName(7)).orElseThrow() <= 3 ? 1 : 0;
            assertEquals(1.0, d.ranking().stream().mapToDouble(r -> r.score()).sum(), 1e-6);
        }
        assertTrue(top3 >= 7, "pagerank ranked the root in the top 3 in " + top3 + "/10");
    }

    @Test
    void rejectParameters() {
        assertThrows(IllegalArgumentException.class, () -> Baro.fromParameters(Map.of("k", "1")));
        assertThrows(IllegalArgumentException.class, () -> NSigma.fromParameters(Map.of("k", "1")));
        assertThrows(IllegalArgumentException.class,
                () -> PersonalizedPageRank.fromParameters(Map.of("damping", "1")));
        assertThrows(IllegalArgumentException.class,
                () -> PersonalizedPageRank.fromParameters(Map.of("dampng", "0.5")));
    }
}
