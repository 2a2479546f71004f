package io.rootscope.analytics.detection;

/** A metric a rule watches, and the statistic of its rollup it reads. */
public record MetricSelector(String metric, Statistic statistic) {

    public MetricSelector {
        if (metric == null || metric.isBlank()) {
            throw new IllegalArgumentException("metric name must not be blank");
        }
        if (statistic == null) {
            throw new IllegalArgumentException("statistic of metric " + metric + " must be set");
        }
    }

    /** The average of the metric, the usual reading of a gauge. */
    public static MetricSelector avg(String metric) {
        return new MetricSelector(metric, Statistic.AVG);
    }

    @Override
    public String toString() {
        return statistic == Statistic.AVG ? metric : statistic.label() + "(" + metric + ")";
    }
}
