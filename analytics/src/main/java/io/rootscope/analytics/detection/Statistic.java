package io.rootscope.analytics.detection;

import java.util.Locale;

/**
 * Which statistic of a metric's per-minute rollup a rule reads ({@code metric_1m}'s avg, max or p95 column).
 * A raw sample is its own value under every statistic.
 */
public enum Statistic {
    AVG,
    MAX,
    P95;

    /** The statistic named {@code name}, case-insensitively. */
    public static Statistic ofName(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown statistic '" + name + "', expected avg, max or p95", e);
        }
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
