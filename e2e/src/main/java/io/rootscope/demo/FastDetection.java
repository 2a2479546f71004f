package io.rootscope.demo;

import io.rootscope.analytics.detection.BaselineConfig;
import io.rootscope.analytics.detection.DetectionRule;
import io.rootscope.analytics.detection.Direction;
import io.rootscope.analytics.detection.Hysteresis;
import io.rootscope.analytics.detection.MetricSelector;
import io.rootscope.analytics.detection.NoveltyDetector;
import io.rootscope.analytics.detection.RobustZScoreDetector;
import io.rootscope.analytics.detection.ScaleFloor;
import io.rootscope.analytics.detection.TelemetryDetection;
import io.rootscope.backend.detection.DetectionSettings;
import io.rootscope.backend.detection.MetricSource;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Detection over raw samples for a stack whose minutes are compressed into seconds: a robust z-score against a
 * short trailing baseline on every AutoMAP metric the Prometheus job writes, each in the direction a fault
 * moves it (latency, CPU and memory rise; availability and throughput fall), and the log and trace rules over the
 * pushed logs and spans at a step of seconds.
 */
final class FastDetection {

    static final double THRESHOLD = 3.5;
    static final int MIN_BASELINE_POINTS = 30;
    /**
     * Prometheus' {@code rate(...[15s])} smooths one-second samples into a slowly wandering series whose spread over
     * a short baseline is tiny, so noise alone would cross the threshold; a spread of at least 5 % of the level
     * means a point must be about a sixth off its baseline, which every injected fault exceeds many times over.
     */
    static final ScaleFloor SPREAD_FLOOR = new ScaleFloor(0.05, ScaleFloor.ABSOLUTE_DEFAULT);

    static final Duration TELEMETRY_STEP = Duration.ofSeconds(2);
    static final int MIN_SPANS_PER_STEP = 3;
    static final int NOVELTY_STEPS = 15;

    private FastDetection() {
    }

    static DetectionSettings settings(Duration baseline, Duration replay) {
        return new DetectionSettings(MetricSource.METRIC_SAMPLE, List.of(
                rule("latency-rise", "latency", Direction.UP, baseline),
                rule("availability-drop", "availability", Direction.DOWN, baseline),
                rule("throughput-drop", "throughput", Direction.DOWN, baseline),
                rule("resource-saturation", List.of("cpu", "memory"), Direction.UP, baseline)),
                replay, baseline.plus(replay).multipliedBy(2), telemetry(baseline));
    }

    /**
     * The log and trace rules at the compressed time scale: two-second steps (a minute's worth of the simulator's few
     * traces per second would leave an operation's step nearly empty at one second), the same baseline as the metrics,
     * and a template new for 15 steps.
     */
    static TelemetryDetection telemetry(Duration baseline) {
        return new TelemetryDetection(TELEMETRY_STEP, baseline, MIN_BASELINE_POINTS, THRESHOLD, MIN_SPANS_PER_STEP,
                NoveltyDetector.MIN_COUNT_DEFAULT, NOVELTY_STEPS);
    }

    private static DetectionRule rule(String name, String metric, Direction direction, Duration baseline) {
        return rule(name, List.of(metric), direction, baseline);
    }

    private static DetectionRule rule(String name, List<String> metrics, Direction direction, Duration baseline) {
        BaselineConfig config = new BaselineConfig(baseline, MIN_BASELINE_POINTS, THRESHOLD, direction, SPREAD_FLOOR);
        return new DetectionRule(name, metrics.stream().map(MetricSelector::avg).toList(), new RobustZScoreDetector(config),
                Hysteresis.DEFAULT, Optional.empty());
    }
}
