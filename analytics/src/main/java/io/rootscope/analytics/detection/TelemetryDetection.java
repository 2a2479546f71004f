package io.rootscope.analytics.detection;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Detection from logs and traces, so that a fault in code (an operation that throws, a call that is no longer made)
 * opens an incident while the metrics stay flat. Every signal is a per-step series of one service (logs) or one
 * operation of a service (spans), judged against its own trailing history:
 * <ul>
 *   <li>{@value #LOG_ERROR_SURGE}: error log events per step, robust z upwards;</li>
 *   <li>{@value #NEW_ERROR_TEMPLATE}: events of ERROR/FATAL templates the service never logged before
 *       ({@link NewTemplateSeries}, {@link NoveltyDetector}), at least {@code newTemplateMinCount} of them;</li>
 *   <li>{@value #OPERATION_LATENCY}: the 90th percentile of an operation's span durations, robust z upwards;</li>
 *   <li>{@value #OPERATION_FAILURES}: the share of an operation's spans that failed, robust z upwards;</li>
 *   <li>{@value #OPERATION_DISAPPEARANCE}: an operation with a steady call count that falls to near zero
 *       ({@link DisappearanceDetector}).</li>
 * </ul>
 * Each is one {@link DetectionRule} whose incidents are per service, so an operation's series join their service's
 * incident. Steps with fewer than {@code minSpansPerPoint} spans of an operation give no latency or failure point.
 *
 * @param step                how long one point of a series is
 * @param baseline            the trailing history each point is judged against
 * @param minBaselinePoints   points of history before the first verdict; also the log history a service needs
 *                            before any of its templates counts as new
 * @param threshold           the robust z-score beyond which a point is anomalous
 * @param minSpansPerPoint    spans of an operation a step needs to give a latency or failure point
 * @param newTemplateMinCount events of new error templates that make a step anomalous
 * @param noveltyPoints       how many steps a template stays new after its first event
 */
public record TelemetryDetection(Duration step, Duration baseline, int minBaselinePoints, double threshold,
                                 int minSpansPerPoint, int newTemplateMinCount, int noveltyPoints) {

    public static final String LOG_ERROR_SURGE = "log-error-surge";
    public static final String NEW_ERROR_TEMPLATE = "log-new-error-template";
    public static final String OPERATION_LATENCY = "operation-latency";
    public static final String OPERATION_FAILURES = "operation-failures";
    public static final String OPERATION_DISAPPEARANCE = "operation-disappearance";

    /** The signals, named as the series the rules watch. */
    public static final String ERROR_LOG_EVENTS = "error_log_events";
    public static final String NEW_ERROR_TEMPLATE_EVENTS = "new_error_template_events";
    public static final String SPAN_DURATION_P90 = "span_duration_p90_us";
    public static final String SPAN_FAILED_SHARE = "span_failed_share";
    public static final String SPAN_CALLS = "span_calls";

    public static final Duration STEP_DEFAULT = Duration.ofMinutes(1);
    public static final int MIN_SPANS_PER_POINT_DEFAULT = 5;
    public static final int NOVELTY_POINTS_DEFAULT = 10;
    /**
     * The smallest spread assumed, relative to the level: a point must be at least 35 % above the median (3.5 × 0.1)
     * whatever the history's spread, so a quiet operation's jitter or a steady error trickle is no surge.
     */
    public static final double RELATIVE_SPREAD_FLOOR = 0.1;
    /** The smallest spread of an error-log count: a service without errors needs 4 more per step (3.5 × 1) to surge. */
    public static final double ERROR_EVENTS_SPREAD_FLOOR = 1.0;
    /**
     * The smallest spread of a failed share: an operation that never fails needs more than a third of its spans failing
     * (3.5 × 0.1), so that one failure among an operation's few spans of a step is no anomaly however rare failures were.
     */
    public static final double FAILED_SHARE_SPREAD_FLOOR = 0.1;

    public static final TelemetryDetection DEFAULT = new TelemetryDetection(STEP_DEFAULT, BaselineConfig.BASELINE_DEFAULT,
            BaselineConfig.MIN_BASELINE_POINTS_DEFAULT, RobustZScoreDetector.THRESHOLD_DEFAULT, MIN_SPANS_PER_POINT_DEFAULT,
            NoveltyDetector.MIN_COUNT_DEFAULT, NOVELTY_POINTS_DEFAULT);

    public TelemetryDetection {
        if (step == null || step.isNegative() || step.isZero()) {
            throw new IllegalArgumentException("telemetry detection step must be positive, got " + step);
        }
        if (baseline == null || baseline.compareTo(step.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("telemetry baseline must span at least two steps of " + step + ", got " + baseline);
        }
        if (minBaselinePoints < 2) {
            throw new IllegalArgumentException("a baseline needs at least 2 points, got " + minBaselinePoints);
        }
        if (!(threshold > 0) || Double.isInfinite(threshold)) {
            throw new IllegalArgumentException("threshold must be finite and > 0, got " + threshold);
        }
        if (minSpansPerPoint < 1 || newTemplateMinCount < 1 || noveltyPoints < 1) {
            throw new IllegalArgumentException("minimum spans, minimum new-template count and novelty must be at least 1, got "
                    + minSpansPerPoint + ", " + newTemplateMinCount + " and " + noveltyPoints);
        }
    }

    /** The rules of the five signals, in the order of this class's description. */
    public List<DetectionRule> rules() {
        return List.of(
                rule(LOG_ERROR_SURGE, ERROR_LOG_EVENTS, robust(ERROR_EVENTS_SPREAD_FLOOR), Hysteresis.DEFAULT),
                rule(NEW_ERROR_TEMPLATE, NEW_ERROR_TEMPLATE_EVENTS, new NoveltyDetector(newTemplateMinCount),
                        new Hysteresis(1, Duration.ZERO, Hysteresis.CLOSE_AFTER_POINTS_DEFAULT)),
                rule(OPERATION_LATENCY, SPAN_DURATION_P90, robust(ScaleFloor.ABSOLUTE_DEFAULT), Hysteresis.DEFAULT),
                rule(OPERATION_FAILURES, SPAN_FAILED_SHARE, robust(FAILED_SHARE_SPREAD_FLOOR), Hysteresis.DEFAULT),
                rule(OPERATION_DISAPPEARANCE, SPAN_CALLS,
                        new DisappearanceDetector(DisappearanceConfig.of(baseline, minBaselinePoints)), Hysteresis.DEFAULT));
    }

    private AnomalyDetector robust(double absoluteFloor) {
        return new RobustZScoreDetector(new BaselineConfig(baseline, minBaselinePoints, threshold, Direction.UP,
                new ScaleFloor(RELATIVE_SPREAD_FLOOR, absoluteFloor)));
    }

    private static DetectionRule rule(String name, String signal, AnomalyDetector detector, Hysteresis hysteresis) {
        return new DetectionRule(name, List.of(MetricSelector.avg(signal)), detector, hysteresis, Optional.empty());
    }
}
