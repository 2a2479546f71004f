package io.rootscope.analytics.detection;

import java.time.Duration;

/**
 * Tuning of a detector that judges each point against a trailing window of earlier normal points.
 *
 * @param baseline          how far back the window reaches from the newest normal point
 * @param minBaselinePoints points the window needs before any point is judged
 * @param threshold         score beyond which a point is anomalous
 */
public record BaselineConfig(Duration baseline, int minBaselinePoints, double threshold, Direction direction,
                             ScaleFloor scaleFloor) {

    public static final Duration BASELINE_DEFAULT = Duration.ofMinutes(30);
    public static final int MIN_BASELINE_POINTS_DEFAULT = 10;

    public BaselineConfig {
        if (baseline == null || baseline.isNegative() || baseline.isZero()) {
            throw new IllegalArgumentException("baseline window must be positive, got " + baseline);
        }
        if (minBaselinePoints < 2) {
            throw new IllegalArgumentException("a baseline needs at least 2 points, got " + minBaselinePoints);
        }
        if (!(threshold > 0) || Double.isInfinite(threshold)) {
            throw new IllegalArgumentException("threshold must be finite and > 0, got " + threshold);
        }
        if (direction == null || scaleFloor == null) {
            throw new IllegalArgumentException("direction and scale floor must be set");
        }
    }

    /** The default window and floor with the given threshold and direction. */
    public static BaselineConfig of(double threshold, Direction direction) {
        return new BaselineConfig(BASELINE_DEFAULT, MIN_BASELINE_POINTS_DEFAULT, threshold, direction, ScaleFloor.DEFAULT);
    }

    public BaselineConfig withBaseline(Duration window, int minPoints) {
        return new BaselineConfig(window, minPoints, threshold, direction, scaleFloor);
    }
}
