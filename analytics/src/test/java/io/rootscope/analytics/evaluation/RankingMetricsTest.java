package io.rootscope.analytics.evaluation;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RankingMetricsTest {

    @Test
    void accuracyAndAverageAccuracy() {
        assertEquals(1, RankingMetrics.accuracyAt(1, 1));
        assertEquals(0, RankingMetrics.accuracyAt(2, 1));
        assertEquals(1, RankingMetrics.accuracyAt(3, 3));
        assertEquals(0, RankingMetrics.accuracyAt(0, 5), "not ranked");
        assertEquals(1.0, RankingMetrics.averageAccuracyAt(1, 5));
        assertEquals(0.6, RankingMetrics.averageAccuracyAt(3, 5), 1e-12);
        assertEquals(0.0, RankingMetrics.averageAccuracyAt(6, 5));
        assertThrows(IllegalArgumentException.class, () -> RankingMetrics.accuracyAt(1, 0));
    }
}
