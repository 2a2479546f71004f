package io.rootscope.backend.etl.write;

import java.sql.Connection;
import java.sql.SQLException;

/** Bulk writes of {@code metric_sample}, idempotently ({@link IdempotentCopy}). Runs in the caller's transaction. */
public final class MetricSampleWriter {

    public static final int BATCH_SIZE_DEFAULT = 100_000;

    private final IdempotentCopy<MetricSampleRow> copy;

    public MetricSampleWriter() {
        this(BATCH_SIZE_DEFAULT);
    }

    public MetricSampleWriter(int batchSize) {
        this.copy = new IdempotentCopy<>("rootscope.metric_sample", "(ts, tenant_id, resource_id, metric, value)", "metric_sample_pk",
                (row, tenantId, out) -> out.row(5).timestamp(row.ts()).int8(tenantId).int8(row.resourceId()).text(row.metric())
                        .float8(row.value()), batchSize);
    }

    /** @return the rows inserted, i.e. not already present */
    public long write(Connection connection, long tenantId, Iterable<MetricSampleRow> samples) throws SQLException {
        return copy.write(connection, tenantId, samples);
    }
}
