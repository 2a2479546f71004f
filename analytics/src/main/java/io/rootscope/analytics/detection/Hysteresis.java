package io.rootscope.analytics.detection;

import java.time.Duration;

/**
 * When a series starts and stops counting as anomalous, so that a flapping signal opens at most one incident:
 * it starts after {@code openAfterPoints} consecutive anomalous points spanning at least {@code minOpenSpan}
 * (an SLO rule's "for" duration), and stops after {@code closeAfterPoints} consecutive normal points.
 */
public record Hysteresis(int openAfterPoints, Duration minOpenSpan, int closeAfterPoints) {

    public static final int OPEN_AFTER_POINTS_DEFAULT = 3;
    public static final int CLOSE_AFTER_POINTS_DEFAULT = 5;
    public static final Hysteresis DEFAULT =
            new Hysteresis(OPEN_AFTER_POINTS_DEFAULT, Duration.ZERO, CLOSE_AFTER_POINTS_DEFAULT);

    public Hysteresis {
        if (openAfterPoints < 1) {
            throw new IllegalArgumentException("open-after must be at least 1 point, got " + openAfterPoints);
        }
        if (minOpenSpan == null || minOpenSpan.isNegative()) {
            throw new IllegalArgumentException("minimum open span must be zero or positive, got " + minOpenSpan);
        }
        if (closeAfterPoints < 1) {
            throw new IllegalArgumentException("close-after must be at least 1 point, got " + closeAfterPoints);
        }
    }
}
