package io.rootscope.backend.etl.write;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

/**
 * Bulk writes of {@code metric_sample} with COPY, idempotently. Each batch is first COPYed straight into the
 * hypertable; when that hits an existing key (a re-run window, or a key repeated in the batch) the batch is
 * rolled back to a savepoint and written again through a session-local staging table and
 * {@code INSERT ... ON CONFLICT DO NOTHING}. New data — the common case — so pays only for COPY, and a re-run
 * changes nothing. Runs in the caller's transaction.
 */
public final class MetricSampleWriter {

    public static final int BATCH_SIZE_DEFAULT = 100_000;

    private static final String UNIQUE_VIOLATION = "23505";
    private static final String COLUMNS = "(ts, tenant_id, resource_id, metric, value)";
    private static final String COPY_DIRECT = "COPY rootscope.metric_sample " + COLUMNS + " FROM STDIN";
    private static final String CREATE_STAGE = """
            CREATE TEMPORARY TABLE IF NOT EXISTS metric_sample_stage
                (LIKE rootscope.metric_sample INCLUDING DEFAULTS)""";
    private static final String COPY_STAGE = "COPY metric_sample_stage " + COLUMNS + " FROM STDIN";
    private static final String MERGE_STAGE = """
            INSERT INTO rootscope.metric_sample """ + COLUMNS + """
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
        CopyText text = new CopyText(tenantId);
        long inserted = 0;
        Iterator<MetricSampleRow> rows = samples.iterator();
        while (rows.hasNext()) {
            List<byte[]> batch = new ArrayList<>();
            for (int n = 0; n < batchSize && rows.hasNext(); n++) {
                text.append(rows.next());
                if (text.length() >= CopyText.CHUNK) {
                    batch.add(text.drain());
                }
            }
            batch.add(text.drain());
            inserted += writeBatch(connection, copy, batch);
        }
        return inserted;
    }

    private static long writeBatch(Connection connection, CopyManager copy, List<byte[]> batch) throws SQLException {
        Savepoint savepoint = connection.getAutoCommit() ? null : connection.setSavepoint();
        try {
            long copied = copy(copy, COPY_DIRECT, batch);
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
            copy(copy, COPY_STAGE, batch);
            return statement.executeUpdate(MERGE_STAGE);
        }
    }

    private static long copy(CopyManager copy, String sql, List<byte[]> chunks) throws SQLException {
        CopyIn in = copy.copyIn(sql);
        try {
            for (byte[] chunk : chunks) {
                in.writeToCopy(chunk, 0, chunk.length);
            }
            return in.endCopy();
        } finally {
            if (in.isActive()) {
                in.cancelCopy();
            }
        }
    }

    /** Rows in COPY text format; timestamps formatted by hand because a formatter per row dominated the cost. */
    private static final class CopyText {
        static final int CHUNK = 256 * 1024;

        private final StringBuilder text = new StringBuilder(CHUNK + 1024);
        private final String tenant;
        private long cachedSecond = Long.MIN_VALUE;
        private String cachedSecondText;

        CopyText(long tenantId) {
            this.tenant = Long.toString(tenantId);
        }

        void append(MetricSampleRow row) {
            long second = row.ts().getEpochSecond();
            if (second != cachedSecond) {
                cachedSecond = second;
                LocalDateTime t = LocalDateTime.ofEpochSecond(second, 0, ZoneOffset.UTC);
                cachedSecondText = String.format("%04d-%02d-%02d %02d:%02d:%02d",
                        t.getYear(), t.getMonthValue(), t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond());
            }
            text.append(cachedSecondText);
            int micros = row.ts().getNano() / 1_000;
            if (micros != 0) {
                String digits = Integer.toString(micros + 1_000_000); // leading 1 keeps the zero padding
                text.append('.').append(digits, 1, digits.length());
            }
            text.append("+00\t").append(tenant).append('\t').append(row.resourceId()).append('\t');
            escape(row.metric());
            text.append('\t').append(row.value()).append('\n');
        }

        /** COPY text format: backslash, tab and line breaks must be escaped. */
        private void escape(String value) {
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                switch (c) {
                    case '\\' -> text.append("\\\\");
                    case '\t' -> text.append("\\t");
                    case '\n' -> text.append("\\n");
                    case '\r' -> text.append("\\r");
                    default -> text.append(c);
                }
            }
        }

        int length() {
            return text.length();
        }

        byte[] drain() {
            byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
            text.setLength(0);
            return bytes;
        }
    }
}
