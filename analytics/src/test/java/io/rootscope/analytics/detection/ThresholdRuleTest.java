package io.rootscope.analytics.detection;

import static io.rootscope.analytics.detection.SyntheticSeries.anomalousIndices;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThresholdRuleTest {

    @Test
    void parsesRulesWithStatisticsAndDurations() {
        assertEquals(new ThresholdRule(MetricSelector.avg("cpu"), Comparison.GREATER, 0.9, Duration.ofMinutes(5)),
                ThresholdRule.parse("cpu > 0.9 for 5m"));
        assertEquals(new ThresholdRule(MetricSelector.avg("error_rate"), Comparison.GREATER_OR_EQUAL, 0.05, Duration.ofSeconds(30)),
                ThresholdRule.parse("  error_rate>=0.05 for 30s "));
        assertEquals(new ThresholdRule(new MetricSelector("latency", Statistic.P95), Comparison.GREATER, 500, Duration.ZERO),
                ThresholdRule.parse("p95(latency) > 500"));
        assertEquals(new ThresholdRule(MetricSelector.avg("rps"), Comparison.LESS, 1e-3, Duration.ofMillis(1500)),
                ThresholdRule.parse("rps < 1e-3 for 1500ms"));
    }

    @Test
    void rejectsMalformedRulesNamingTheProblem() {
        IllegalArgumentException noOperator = assertThrows(IllegalArgumentException.class, () -> ThresholdRule.parse("cpu 0.9"));
        assertTrue(noOperator.getMessage().contains("'cpu 0.9'"), noOperator.getMessage());
        IllegalArgumentException statistic = assertThrows(IllegalArgumentException.class, () -> ThresholdRule.parse("p50(latency) > 1"));
        assertTrue(statistic.getMessage().contains("p50"), statistic.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ThresholdRule.parse("cpu > 0.9 for 5d"));
        assertThrows(IllegalArgumentException.class, () -> ThresholdRule.parse(null));
        assertThrows(IllegalArgumentException.class,
                () -> new ThresholdRule(MetricSelector.avg("cpu"), Comparison.LESS, Double.NaN, Duration.ZERO));
        assertThrows(IllegalArgumentException.class,
                () -> new ThresholdRule(MetricSelector.avg("cpu"), Comparison.LESS, 1, Duration.ofSeconds(-1)));
    }

    @Test
    void flagsEveryViolatingPointWithItsRelativeMargin() {
        List<Verdict> verdicts = ThresholdRule.parse("cpu > 0.8").detect(SyntheticSeries.values(0.5, 0.8, 0.9, 1.2));

        assertEquals(List.of(2, 3), anomalousIndices(verdicts));
        assertEquals(0.5, verdicts.get(3).score(), 1e-12);
        assertEquals(List.of(0), anomalousIndices(ThresholdRule.parse("rps <= 1").detect(SyntheticSeries.values(1, 2))));
    }
}
