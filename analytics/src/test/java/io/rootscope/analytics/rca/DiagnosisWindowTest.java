package io.rootscope.analytics.rca;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DiagnosisWindowTest {

    private static final long[] TIMES = {10, 20, 30, 40, 50, 60, 70, 80};

    @Test
    void derivesCongestionAndKeepsTheFrontEndWithoutMetrics() {
        DiagnosisWindow w = DiagnosisWindow.builder(TIMES, "web")
                .series("api", MetricType.THROUGHPUT, new double[]{4, 4, 4, 4, 8, 8, 8, 8})
                .series("api", MetricType.LATENCY, new double[]{Double.NaN, 2, 2, 2, 0, Double.NaN, 4, 4})
                .series("db", new MetricType("queue_depth"), new double[8]).callGraphEdge("web", "api").build();
        assertEquals(List.of("api", "db", "web"), w.services());
        assertEquals(List.of(MetricType.LATENCY, MetricType.THROUGHPUT, MetricType.CONGESTION,
                new MetricType("queue_depth")), w.metricTypes());
        double[] congestion = w.series(2, 0).orElseThrow();
        assertTrue(Double.isNaN(congestion[0]), "no latency known yet");
        assertEquals(2, congestion[1]);
        // Load without a latency sample divides by the last known latency.
        assertEquals(4, congestion[4]);
        assertEquals(4, congestion[5]);
        assertEquals(2, congestion[6]);
        assertFalse(w.hasSeries(0, 2));
        assertEquals(Set.of("api"), w.callGraph().get("web"));
    }

    @Test
    void metricNamesAreTypedByTheMappingKeepingTheMostPreferred() {
        MetricNameMapping mapping = MetricNameMapping.defaults();
        double[] p50 = {1, 1, 1, 1, 1, 1, 1, 1};
        double[] p90 = {2, 2, 2, 2, 2, 2, 2, 2};
        double[] p99 = {3, 3, 3, 3, 3, 3, 3, 3};
        DiagnosisWindow w = DiagnosisWindow.builder(TIMES, "api").metric("api", "lat_50", p50, mapping)
                .metric("api", "lat_90", p90, mapping).metric("api", "lat_99", p99, mapping)
                .metric("api", "cpu", p50, mapping).build();
        assertEquals(List.of(MetricType.LATENCY, MetricType.CPU), w.metricTypes());
        assertArrayEquals(p90, w.series(0, 0).orElseThrow());
        DiagnosisWindow.Builder explicit = DiagnosisWindow.builder(TIMES, "api").series("api", MetricType.CPU, p50);
        assertThrows(IllegalArgumentException.class, () -> explicit.metric("api", "cpu", p90, mapping));
    }

    @Test
    void normalEndFollowsTheAnomalyStartOrFallsBackToHalf() {
        double[] x = new double[8];
        assertEquals(5, DiagnosisWindow.builder(TIMES, "a").series("a", MetricType.CPU, x).anomalyStart(55)
                .build().normalEnd());
        assertEquals(4, DiagnosisWindow.builder(TIMES, "a").series("a", MetricType.CPU, x).build().normalEnd());
        assertEquals(4, DiagnosisWindow.builder(TIMES, "a").series("a", MetricType.CPU, x).anomalyStart(75)
                .build().normalEnd(), "fewer than 3 anomalous samples");
    }

    @Test
    void rejectsBadInput() {
        assertThrows(IllegalArgumentException.class, () -> DiagnosisWindow.builder(new long[]{1, 1}, "a"));
        assertThrows(IllegalArgumentException.class, () -> DiagnosisWindow.builder(new long[]{1}, "a"));
        assertThrows(IllegalArgumentException.class, () -> DiagnosisWindow.builder(TIMES, " "));
        DiagnosisWindow.Builder b = DiagnosisWindow.builder(TIMES, "a").series("a", MetricType.CPU, new double[8]);
        assertThrows(IllegalArgumentException.class, () -> b.series("a", MetricType.CPU, new double[8]));
        assertThrows(IllegalArgumentException.class, () -> b.series("a", MetricType.IO, new double[3]));
    }

    @Test
    void cleanedMetricsFillGapsAndDropEmptyAndConstantSeries() {
        double nan = Double.NaN;
        DiagnosisWindow w = DiagnosisWindow.builder(TIMES, "a")
                .series("a", MetricType.CPU, new double[]{nan, 1, nan, 3, 3, nan, 5, 5})
                .series("b", MetricType.CPU, new double[]{2, 2, nan, 2, 2, 2, 2, 2})
                .series("c", MetricType.CPU, new double[]{nan, nan, nan, nan, nan, nan, nan, nan}).build();
        CleanedMetrics m = new CleanedMetrics(w);
        assertArrayEquals(new int[]{0}, m.services(0));
        assertArrayEquals(new double[]{1, 1, 1, 3, 3, 3, 5, 5}, m.seriesOf(0, 0));
        assertNull(m.seriesOf(0, 1));
        assertNull(m.seriesOf(0, 2));
    }
}
