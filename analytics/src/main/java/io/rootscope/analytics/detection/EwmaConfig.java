package io.rootscope.analytics.detection;

import java.time.Duration;

/**
 * Tuning of {@link EwmaDetector}.
 *
 * @param lambda weight of the newest point in the moving mean and variance, in (0, 1]; smaller adapts more slowly
 * @param width  control-limit half-width in moving standard deviations
 * @param warmUp how long the start of a series only trains the averages
 */
public record EwmaConfig(double lambda, double width, Duration warmUp, Direction direction, ScaleFloor scaleFloor) {

    public static final double LAMBDA_DEFAULT = 0.1;
    public static final double WIDTH_DEFAULT = 4.0;
    public static final Duration WARM_UP_DEFAULT = Duration.ofMinutes(30);
    public static final EwmaConfig DEFAULT =
            new EwmaConfig(LAMBDA_DEFAULT, WIDTH_DEFAULT, WARM_UP_DEFAULT, Direction.BOTH, ScaleFloor.DEFAULT);

    public EwmaConfig {
        if (!(lambda > 0 && lambda <= 1)) {
            throw new IllegalArgumentException("EWMA lambda must be in (0, 1], got " + lambda);
        }
        if (!(width > 0) || Double.isInfinite(width)) {
            throw new IllegalArgumentException("EWMA control-limit width must be finite and > 0, got " + width);
        }
        if (warmUp == null || warmUp.isNegative() || warmUp.isZero()) {
            throw new IllegalArgumentException("EWMA warm-up must be positive, got " + warmUp);
        }
        if (direction == null || scaleFloor == null) {
            throw new IllegalArgumentException("direction and scale floor must be set");
        }
    }
}
