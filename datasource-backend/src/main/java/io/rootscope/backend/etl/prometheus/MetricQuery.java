package io.rootscope.backend.etl.prometheus;

/**
 * A PromQL template for one metric type, e.g. {@code latency}, and how its series map to resources.
 *
 * @param metric   the metric name written to {@code metric_sample}
 * @param promql   the query; evaluated over each window with the job's step
 * @param resource which labels of each result series name its resource
 */
public record MetricQuery(String metric, String promql, SeriesResource resource) {

    public MetricQuery {
        if (metric == null || !metric.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("metric must be a lower-case identifier, got '" + metric + "'");
        }
        if (promql == null || promql.isBlank()) {
            throw new IllegalArgumentException("promql of " + metric + " must not be empty");
        }
        if (resource == null) {
            throw new IllegalArgumentException("resource of " + metric + " must be set");
        }
    }
}
