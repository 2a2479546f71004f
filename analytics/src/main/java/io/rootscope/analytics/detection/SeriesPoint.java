package io.rootscope.analytics.detection;

/** One observation of a metric series: when (epoch milliseconds) and its value. */
public record SeriesPoint(long epochMillis, double value) {

    public SeriesPoint {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("series value must be finite, got " + value + " at " + epochMillis);
        }
    }
}
