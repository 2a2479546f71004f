package io.rootscope.analytics.aggregation;

/** A metric time series: the resource it describes (a URN) and the metric name. */
public record SeriesKey(String resource, String metric) {

    public SeriesKey {
        if (resource == null || resource.isBlank()) {
            throw new IllegalArgumentException("series resource must not be blank");
        }
        if (metric == null || metric.isBlank()) {
            throw new IllegalArgumentException("series metric must not be blank");
        }
    }
}
