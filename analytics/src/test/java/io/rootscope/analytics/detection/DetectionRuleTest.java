package io.rootscope.analytics.detection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DetectionRuleTest {

    @Test
    void sloRuleOpensOnTheFirstViolationOnceItLastedTheForDuration() {
        DetectionRule rule = DetectionRule.slo("cpu-saturation", ThresholdRule.parse("cpu > 0.9 for 5m"), 4,
                Optional.of("urn:host:node-1"));

        assertEquals(new Hysteresis(1, Duration.ofMinutes(5), 4), rule.hysteresis());
        assertEquals(List.of(MetricSelector.avg("cpu")), rule.metrics());
        assertTrue(rule.isSlo());
        assertFalse(new DetectionRule("anomaly", rule.metrics(), new EwmaDetector(), Hysteresis.DEFAULT, Optional.empty()).isSlo());
    }

    @Test
    void rejectsInvalidRules() {
        List<MetricSelector> cpu = List.of(MetricSelector.avg("cpu"));
        EwmaDetector ewma = new EwmaDetector();
        assertThrows(IllegalArgumentException.class, () -> new DetectionRule("Has Spaces", cpu, ewma, Hysteresis.DEFAULT, Optional.empty()));
        assertThrows(IllegalArgumentException.class, () -> new DetectionRule("a:b", cpu, ewma, Hysteresis.DEFAULT, Optional.empty()));
        assertThrows(IllegalArgumentException.class, () -> new DetectionRule("cpu", List.of(), ewma, Hysteresis.DEFAULT, Optional.empty()));
        assertThrows(IllegalArgumentException.class, () -> new DetectionRule("cpu", cpu, null, Hysteresis.DEFAULT, Optional.empty()));
        assertThrows(IllegalArgumentException.class, () -> new Hysteresis(0, Duration.ZERO, 1));
        assertThrows(IllegalArgumentException.class, () -> new Hysteresis(1, Duration.ofSeconds(-1), 1));
        assertThrows(IllegalArgumentException.class, () -> new Hysteresis(1, Duration.ZERO, 0));
        assertThrows(IllegalArgumentException.class, () -> new MetricSelector(" ", Statistic.AVG));
        assertThrows(IllegalArgumentException.class, () -> new MetricSelector("cpu", null));
    }
}
