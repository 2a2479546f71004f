package io.rootscope.backend.detection;

import io.rootscope.analytics.detection.BaselineConfig;
import io.rootscope.analytics.detection.DetectionRule;
import io.rootscope.analytics.detection.Direction;
import io.rootscope.analytics.detection.Hysteresis;
import io.rootscope.analytics.detection.MetricSelector;
import io.rootscope.analytics.detection.RobustZScoreDetector;
import io.rootscope.analytics.detection.ScaleFloor;
import io.rootscope.analytics.detection.TelemetryDetection;
import io.rootscope.analytics.detection.ThresholdRule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What {@link DetectionJob} watches and how far back it looks.
 *
 * @param source      the table the series are read from
 * @param rules       the rules, with distinct names
 * @param replay      how much before a run's window is judged again, so that hysteresis counts that straddle the
 *                    window's start are rebuilt: at least (open-after + close-after) points of the source
 * @param maxLookback the furthest back a run reads: the baseline of an incident that is still open is read from
 *                    before it began, up to this far
 * @param telemetry   the rules over the tenant's logs and spans ({@link TelemetryDetection#rules()}), read by
 *                    {@link TelemetrySeriesReader}; their names must differ from the metric rules'
 */
public record DetectionSettings(MetricSource source, List<DetectionRule> rules, Duration replay, Duration maxLookback,
                                TelemetryDetection telemetry) {

    public static final String LATENCY_METRIC_DEFAULT = "latency";
    public static final String ERROR_RATE_METRIC_DEFAULT = "error_rate";
    public static final String CPU_METRIC_DEFAULT = "cpu";
    public static final Duration REPLAY_DEFAULT = Duration.ofMinutes(10);
    public static final Duration MAX_LOOKBACK_DEFAULT = Duration.ofHours(6);

    /**
     * The default rules over the one-minute rollup: rises of latency or error rate against a 30-minute robust
     * baseline, error rate above 5 % for a minute, CPU above 90 % for five minutes. The anomaly rule assumes a
     * spread of at least 0.005 (half a percentage point of error rate; 5 ms of a latency in seconds), so that a
     * service without errors does not open an incident for its first failed call.
     */
    public static final List<DetectionRule> RULES_DEFAULT = List.of(
            new DetectionRule("service-anomaly",
                    List.of(MetricSelector.avg(LATENCY_METRIC_DEFAULT), MetricSelector.avg(ERROR_RATE_METRIC_DEFAULT)),
                    new RobustZScoreDetector(new BaselineConfig(BaselineConfig.BASELINE_DEFAULT,
                            BaselineConfig.MIN_BASELINE_POINTS_DEFAULT, RobustZScoreDetector.THRESHOLD_DEFAULT, Direction.UP,
                            new ScaleFloor(ScaleFloor.RELATIVE_DEFAULT, 0.005))),
                    Hysteresis.DEFAULT, Optional.empty()),
            DetectionRule.slo("error-rate-slo", ThresholdRule.parse(ERROR_RATE_METRIC_DEFAULT + " > 0.05 for 1m"),
                    Hysteresis.CLOSE_AFTER_POINTS_DEFAULT, Optional.empty()),
            DetectionRule.slo("cpu-saturation", ThresholdRule.parse(CPU_METRIC_DEFAULT + " > 0.9 for 5m"),
                    Hysteresis.CLOSE_AFTER_POINTS_DEFAULT, Optional.empty()));
    public static final DetectionSettings DEFAULT = new DetectionSettings(MetricSource.METRIC_1M, RULES_DEFAULT, REPLAY_DEFAULT,
            MAX_LOOKBACK_DEFAULT, TelemetryDetection.DEFAULT);

    public DetectionSettings {
        if (source == null) {
            throw new IllegalArgumentException("metric source must be set");
        }
        if (rules == null || rules.isEmpty()) {
            throw new IllegalArgumentException("detection needs at least one rule");
        }
        rules = List.copyOf(rules);
        if (telemetry == null) {
            throw new IllegalArgumentException("telemetry detection must be set");
        }
        Set<String> names = new HashSet<>();
        for (DetectionRule rule : allRules(rules, telemetry)) {
            if (!names.add(rule.name())) {
                throw new IllegalArgumentException("rule name " + rule.name() + " is used twice");
            }
        }
        if (replay == null || replay.isNegative()) {
            throw new IllegalArgumentException("replay must be zero or positive, got " + replay);
        }
        if (maxLookback == null || maxLookback.compareTo(replay) < 0) {
            throw new IllegalArgumentException("max lookback must be at least the replay " + replay + ", got " + maxLookback);
        }
    }

    /** The default detection from logs and traces next to these metric rules. */
    public DetectionSettings(MetricSource source, List<DetectionRule> rules, Duration replay, Duration maxLookback) {
        this(source, rules, replay, maxLookback, TelemetryDetection.DEFAULT);
    }

    public DetectionSettings withTelemetry(TelemetryDetection newTelemetry) {
        return new DetectionSettings(source, rules, replay, maxLookback, newTelemetry);
    }

    /** The metric rules, then the log and trace rules. */
    List<DetectionRule> allRules() {
        return allRules(rules, telemetry);
    }

    private static List<DetectionRule> allRules(List<DetectionRule> rules, TelemetryDetection telemetry) {
        List<DetectionRule> all = new ArrayList<>(rules);
        all.addAll(telemetry.rules());
        return all;
    }

    /** The longest history any rule's detector needs. */
    Duration history() {
        return allRules().stream().map(rule -> rule.detector().history()).max(Duration::compareTo).orElseThrow();
    }
}
