package io.rootscope.backend.detection;

import io.rootscope.analytics.detection.Statistic;
import io.rootscope.backend.db.schema.Tables;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Locale;
import org.jooq.Field;
import org.jooq.Table;

/**
 * The table detection reads: raw samples (seconds apart, for short windows such as the end-to-end tests) or the
 * one-minute rollup (the normal case, cheaper over long baselines).
 */
public enum MetricSource {
    METRIC_SAMPLE(Duration.ofNanos(1_000)),
    METRIC_1M(Duration.ofMinutes(1));

    private final Duration grain;

    MetricSource(Duration grain) {
        this.grain = grain;
    }

    /** The table's name, as evidence links reference it. */
    public String table() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The smallest step between two points of the table (a microsecond for timestamps, a minute for buckets):
     * a half-open range that ends one grain after a point includes it.
     */
    public Duration grain() {
        return grain;
    }

    Table<?> jooqTable() {
        return this == METRIC_SAMPLE ? Tables.METRIC_SAMPLE : Tables.METRIC_1M;
    }

    Field<OffsetDateTime> time() {
        return this == METRIC_SAMPLE ? Tables.METRIC_SAMPLE.TS : Tables.METRIC_1M.BUCKET;
    }

    Field<Long> tenantId() {
        return this == METRIC_SAMPLE ? Tables.METRIC_SAMPLE.TENANT_ID : Tables.METRIC_1M.TENANT_ID;
    }

    Field<Long> resourceId() {
        return this == METRIC_SAMPLE ? Tables.METRIC_SAMPLE.RESOURCE_ID : Tables.METRIC_1M.RESOURCE_ID;
    }

    Field<String> metric() {
        return this == METRIC_SAMPLE ? Tables.METRIC_SAMPLE.METRIC : Tables.METRIC_1M.METRIC;
    }

    /** The column holding a statistic: every statistic of a raw sample is its value. */
    Field<Double> value(Statistic statistic) {
        if (this == METRIC_SAMPLE) {
            return Tables.METRIC_SAMPLE.VALUE;
        }
        return switch (statistic) {
            case AVG -> Tables.METRIC_1M.AVG_VAL;
            case MAX -> Tables.METRIC_1M.MAX_VAL;
            case P95 -> Tables.METRIC_1M.P95_VAL;
        };
    }
}
