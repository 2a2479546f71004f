package io.rootscope.analytics.detection;

/**
 * The smallest spread a detector assumes, so that a perfectly flat baseline does not make every jitter an
 * anomaly: the larger of {@code relative} × |level| and {@code absolute}.
 */
public record ScaleFloor(double relative, double absolute) {

    public static final double RELATIVE_DEFAULT = 0.01;
    public static final double ABSOLUTE_DEFAULT = 1e-9;
    public static final ScaleFloor DEFAULT = new ScaleFloor(RELATIVE_DEFAULT, ABSOLUTE_DEFAULT);

    public ScaleFloor {
        if (!(relative >= 0) || Double.isInfinite(relative)) {
            throw new IllegalArgumentException("relative scale floor must be finite and >= 0, got " + relative);
        }
        if (!(absolute > 0) || Double.isInfinite(absolute)) {
            throw new IllegalArgumentException("absolute scale floor must be finite and > 0, got " + absolute);
        }
    }

    /** The estimated spread, raised to the floor for a series at this level. */
    public double apply(double scale, double level) {
        return Math.max(scale, Math.max(relative * Math.abs(level), absolute));
    }
}
