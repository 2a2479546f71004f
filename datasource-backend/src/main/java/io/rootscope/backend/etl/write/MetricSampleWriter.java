package io.rootscope.backend.etl.write;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Bulk writes of {@code metric_sample} with binary COPY, idempotently. Each batch is first COPYed straight into the
 * hypertable; when that hits an existing key (a re-run window, or a key repeated in the batch) the batch is
 * rolled back to a savepoint and written again through a session-local staging table and
 * {@code INSERT ... ON CONFLICT DO NOTHING}. New data — the common case — so pays only for COPY, and a re-run
 * changes nothing. Runs in the caller's transaction.
 */
// JDBC: bulk writes: COPY into a staging table, then one merge (db/package-info).
public final class MetricSampleWriter {

    public static final int BATCH_SIZE_DEFAULT = 100_000;

    private static final String UNIQUE_VIOLATION = "23505";
    private static final String COLUMNS = "(ts, tenant_id, resource_id, metric, value)";
    private static final String COPY_DIRECT = "COPY rootscope.metric_sample " + COLUMNS + " FROM STDIN (FORMAT binary)";
    private static final String CREATE_STAGE = """
            CREATE TEMPORARY TABLE IF NOT EXISTS metric_sample_stage
                (LIKE rootscope.metric_sample INCLUDING DEFAULTS)""";
    private static final String COPY_STAGE = "COPY metric_sample_stage " + COLUMNS + " FROM STDIN (FORMAT binary)";
    private static final String MERGE_STAGE = """
            INSERT INTO rootscope.metric_sample (ts, tenant_id, resource_id, metric, value)
            SELECT ts, tenant_id, resource_id, metric, value FROM metric_sample_stage
            ON CONFLICT ON CONSTRAINT metric_sample_pk DO NOTHING""";

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
        CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
        BinaryCopyRows buffer = new BinaryCopyRows();
        long inserted = 0;
        Iterator<MetricSampleRow> rows = samples.iterator();
        while (rows.hasNext()) {
            List<byte[]> batch = new ArrayList<>();
            for (int n = 0; n < batchSize && rows.hasNext(); n++) {
                MetricSampleRow row = rows.next();
                buffer.row(5).timestamp(row.ts()).int8(tenantId).int8(row.resourceId()).text(row.metric()).float8(row.value());
                if (buffer.length() >= BinaryCopyRows.CHUNK) {
                    batch.add(buffer.drain(false));
                }
            }
            batch.add(buffer.drain(true));
            inserted += writeBatch(connection, copy, batch);
        }
        return inserted;
    }

    private static long writeBatch(Connection connection, CopyManager copy, List<byte[]> batch) throws SQLException {
        Savepoint savepoint = connection.getAutoCommit() ? null : connection.setSavepoint();
        try {
            long copied = BinaryCopyRows.copy(copy, COPY_DIRECT, batch);
            if (savepoint != null) {
                connection.releaseSavepoint(savepoint);
            }
            return copied;
        } catch (SQLException e) {
            if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw e;
            }
            if (savepoint != null) {
                connection.rollback(savepoint);
            }
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute(CREATE_STAGE);
            statement.execute("TRUNCATE metric_sample_stage");
            BinaryCopyRows.copy(copy, COPY_STAGE, batch);
            return statement.executeUpdate(MERGE_STAGE);
        }
    }
}
