package io.rootscope.backend.etl.write;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.Iterator;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Bulk writes into a table keyed by its primary key, idempotently, with binary COPY. Each batch is first COPYed
 * straight into the table; when that hits an existing key (a re-run window, a client's retry, a key repeated in the
 * batch) the batch is rolled back to a savepoint and written again through a session-local staging table and
 * {@code INSERT ... ON CONFLICT DO NOTHING}. New data — the common case — so pays only for COPY, and a repeat
 * changes nothing. Runs in the caller's transaction. Holds no state of a write: one per table serves every tenant.
 *
 * @param <R> a row, encoded by the caller's encoder in the order of {@code columns}
 */
// JDBC: bulk writes: COPY into a staging table, then one merge (db/package-info).
final class IdempotentCopy<R> {

    private static final String UNIQUE_VIOLATION = "23505";

    private final String copyDirect;
    private final String createStage;
    private final String truncateStage;
    private final String copyStage;
    private final String mergeStage;
    private final BinaryCopyRows.RowEncoder<R> encoder;
    private final int batchSize;

    /**
     * @param table   the target table, schema-qualified
     * @param columns the COPY's column list, e.g. {@code (ts, tenant_id, series_id, value)}
     * @param key     the constraint a repeated row violates
     */
    IdempotentCopy(String table, String columns, String key, BinaryCopyRows.RowEncoder<R> encoder, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
        }
        String stage = table.substring(table.indexOf('.') + 1) + "_stage";
        this.copyDirect = "COPY " + table + " " + columns + " FROM STDIN (FORMAT binary)";
        this.createStage = "CREATE TEMPORARY TABLE IF NOT EXISTS " + stage + " (LIKE " + table + " INCLUDING DEFAULTS)";
        this.truncateStage = "TRUNCATE " + stage;
        this.copyStage = "COPY " + stage + " " + columns + " FROM STDIN (FORMAT binary)";
        String list = columns.substring(1, columns.length() - 1);
        this.mergeStage = "INSERT INTO " + table + " " + columns + " SELECT " + list + " FROM " + stage
                + " ON CONFLICT ON CONSTRAINT " + key + " DO NOTHING";
        this.encoder = encoder;
        this.batchSize = batchSize;
    }

    /** The tenant's rows. @return the rows inserted, i.e. not already present */
    long write(Connection connection, long tenantId, Iterable<? extends R> rows) throws SQLException {
        CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
        BinaryCopyRows buffer = new BinaryCopyRows();
        long inserted = 0;
        Iterator<? extends R> iterator = rows.iterator();
        while (iterator.hasNext()) {
            inserted += writeBatch(connection, copy, buffer.encode(iterator, batchSize, encoder, tenantId));
        }
        return inserted;
    }

    private long writeBatch(Connection connection, CopyManager copy, List<byte[]> batch) throws SQLException {
        Savepoint savepoint = connection.getAutoCommit() ? null : connection.setSavepoint();
        try {
            long copied = BinaryCopyRows.copy(copy, copyDirect, batch);
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
            statement.execute(createStage);
            statement.execute(truncateStage);
            BinaryCopyRows.copy(copy, copyStage, batch);
            return statement.executeUpdate(mergeStage);
        }
    }
}
