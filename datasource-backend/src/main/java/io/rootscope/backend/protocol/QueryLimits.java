package io.rootscope.backend.protocol;

import java.time.Duration;

/** Bounds on what one request may ask for, so a panel cannot make the backend scan without end. */
public record QueryLimits(Duration maxRange, int maxDataPoints, Duration queryTimeout, int maxGraphNodes, int maxTargets) {

    public static final Duration MAX_RANGE_DEFAULT = Duration.ofDays(400);
    public static final int MAX_DATA_POINTS_DEFAULT = 11_000;
    public static final Duration QUERY_TIMEOUT_DEFAULT = Duration.ofSeconds(10);
    /** Grafana's Node Graph panel draws at most 1,500 nodes and hides the rest. */
    public static final int MAX_GRAPH_NODES_DEFAULT = 1500;
    /** Targets of one {@code /query}: a dashboard panel has a handful; each runs its own database queries. */
    public static final int MAX_TARGETS_DEFAULT = 50;

    public static QueryLimits defaults() {
        return new QueryLimits(MAX_RANGE_DEFAULT, MAX_DATA_POINTS_DEFAULT, QUERY_TIMEOUT_DEFAULT, MAX_GRAPH_NODES_DEFAULT, MAX_TARGETS_DEFAULT);
    }
}
