package io.rootscope.backend.etl.write;

import java.sql.Connection;
import java.sql.SQLException;

/** Bulk writes of {@code metric_sample}, idempotently ({@link IdempotentCopy}). Runs in the caller's transaction. */
public final class MetricSampleWriter {

    public static final int BATCH_SIZE_DEFAULT = 100_000;

    private final int batchSize;

    public MetricSampleWriter() {
        this(BATCH_SIZE_DEFAULT);
    }

    public MetricSampleWriter(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
        }
        this.batchSize = batchSize;
    }

    /** @return the rows inserted, i.e. not already present */
    public long write(Connection connection, long tenantId, Iterable<MetricSampleRow> samples) throws SQLException {
        return new IdempotentCopy<MetricSampleRow>("rootscope.metric_sample", "(ts, tenant_id, resource_id, metric, value)",
                "metric_sample_pk", (row, out) -> out.row(5).timestamp(row.ts()).int8(tenantId).int8(row.resourceId())
                        .text(row.metric()).float8(row.value()), batchSize)
                .write(connection, samples);
    }
}
