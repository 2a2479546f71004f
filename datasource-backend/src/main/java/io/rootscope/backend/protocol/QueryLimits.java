package io.rootscope.backend.protocol;

import java.time.Duration;

/** Bounds on what one request may ask for, so a panel cannot make the backend scan without end. */
public record QueryLimits(Duration maxRange, int maxDataPoints, Duration queryTimeout) {

    public static final Duration MAX_RANGE_DEFAULT = Duration.ofDays(400);
    public static final int MAX_DATA_POINTS_DEFAULT = 11_000;
    public static final Duration QUERY_TIMEOUT_DEFAULT = Duration.ofSeconds(10);

    public static QueryLimits defaults() {
        return new QueryLimits(MAX_RANGE_DEFAULT, MAX_DATA_POINTS_DEFAULT, QUERY_TIMEOUT_DEFAULT);
    }
}
