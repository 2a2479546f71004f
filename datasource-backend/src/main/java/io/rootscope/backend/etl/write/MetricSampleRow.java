package io.rootscope.backend.etl.write;

import java.time.Instant;

/** One raw sample of one metric of one resource, ready for {@code metric_sample}. */
public record MetricSampleRow(long resourceId, String metric, Instant ts, double value) {

    public MetricSampleRow {
        if (metric == null || metric.isBlank()) {
            throw new IllegalArgumentException("metric must not be empty");
        }
        if (ts == null) {
            throw new IllegalArgumentException("ts must not be null");
        }
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("value of " + metric + " at " + ts + " must be finite, got " + value);
        }
    }
}
