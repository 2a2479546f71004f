package io.rootscope.backend.detection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.rootscope.analytics.detection.DetectionRule;
import io.rootscope.analytics.detection.ThresholdRule;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DetectionSettingsTest {

    private static final DetectionRule CPU = DetectionRule.slo("cpu", ThresholdRule.parse("cpu > 0.9 for 5m"), 3, Optional.empty());

    @Test
    void defaultsWatchLatencyErrorsAndCpuOverTheMinuteRollup() {
        assertEquals(List.of("service-anomaly", "error-rate-slo", "cpu-saturation"),
                DetectionSettings.DEFAULT.rules().stream().map(DetectionRule::name).toList());
        assertEquals(MetricSource.METRIC_1M, DetectionSettings.DEFAULT.source());
        assertEquals(Duration.ofMinutes(30), DetectionSettings.DEFAULT.history(), "the longest history: the robust baseline");
    }

    @Test
    void rejectsInvalidSettings() {
        Duration minute = Duration.ofMinutes(1);
        assertThrows(IllegalArgumentException.class, () -> new DetectionSettings(null, List.of(CPU), minute, minute));
        assertThrows(IllegalArgumentException.class, () -> new DetectionSettings(MetricSource.METRIC_1M, List.of(), minute, minute));
        assertThrows(IllegalArgumentException.class, () -> new DetectionSettings(MetricSource.METRIC_1M, List.of(CPU, CPU), minute, minute));
        assertThrows(IllegalArgumentException.class,
                () -> new DetectionSettings(MetricSource.METRIC_1M, List.of(CPU), minute.negated(), minute));
        assertThrows(IllegalArgumentException.class,
                () -> new DetectionSettings(MetricSource.METRIC_1M, List.of(CPU), minute, Duration.ofSeconds(30)));
    }
}
