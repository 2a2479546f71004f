package io.rootscope.analytics.detection;

import java.time.Duration;

/**
 * Tuning of {@link DisappearanceDetector}.
 *
 * @param baseline          how far back the window of normal points reaches
 * @param minBaselinePoints points the window needs before any point is judged
 * @param steadyShare       share of the window's points that must be above zero for the series to count as steady
 * @param minSteadyLevel    the smallest median of a steady series, in the series' unit (calls per step): a trickle of
 *                          calls that stops is no disappearance
 * @param remainingFraction a point at or below this fraction of the baseline's median has disappeared
 */
public record DisappearanceConfig(Duration baseline, int minBaselinePoints, double steadyShare, double minSteadyLevel,
                                  double remainingFraction) {

    public static final double STEADY_SHARE_DEFAULT = 0.9;
    public static final double MIN_STEADY_LEVEL_DEFAULT = 5;
    public static final double REMAINING_FRACTION_DEFAULT = 0.1;

    public DisappearanceConfig {
        if (baseline == null || baseline.isNegative() || baseline.isZero()) {
            throw new IllegalArgumentException("baseline window must be positive, got " + baseline);
        }
        if (minBaselinePoints < 2) {
            throw new IllegalArgumentException("a baseline needs at least 2 points, got " + minBaselinePoints);
        }
        if (!(steadyShare > 0 && steadyShare <= 1)) {
            throw new IllegalArgumentException("steady share must be in (0, 1], got " + steadyShare);
        }
        if (!(minSteadyLevel > 0) || Double.isInfinite(minSteadyLevel)) {
            throw new IllegalArgumentException("minimum steady level must be finite and > 0, got " + minSteadyLevel);
        }
        if (!(remainingFraction >= 0 && remainingFraction < 1)) {
            throw new IllegalArgumentException("remaining fraction must be in [0, 1), got " + remainingFraction);
        }
    }

    /** The default shares and level over this baseline. */
    public static DisappearanceConfig of(Duration baseline, int minBaselinePoints) {
        return new DisappearanceConfig(baseline, minBaselinePoints, STEADY_SHARE_DEFAULT, MIN_STEADY_LEVEL_DEFAULT,
                REMAINING_FRACTION_DEFAULT);
    }
}
