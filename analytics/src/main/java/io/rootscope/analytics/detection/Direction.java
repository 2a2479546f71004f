package io.rootscope.analytics.detection;

/** Which deviations from the expected value count as anomalies. */
public enum Direction {
    /** Only rises, e.g. latency or error rate. */
    UP,
    /** Only drops, e.g. throughput. */
    DOWN,
    /** Both. */
    BOTH;

    /** Whether a signed score is past the threshold in this direction. */
    public boolean exceeds(double score, double threshold) {
        return switch (this) {
            case UP -> score > threshold;
            case DOWN -> -score > threshold;
            case BOTH -> Math.abs(score) > threshold;
        };
    }
}
