package io.rootscope.backend.etl.write;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Iterator;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

/**
 * Bulk writes of {@code metric_sample}: each batch is COPYed into a session-local staging table, then inserted
 * with {@code ON CONFLICT DO NOTHING}, so re-running a window (or a batch repeating a key) changes nothing.
 * COPY avoids a round trip per row; the staging table keeps the conflict handling that COPY itself lacks.
 * Runs in the caller's transaction.
 */
public final class MetricSampleWriter {

    public static final int BATCH_SIZE_DEFAULT = 100_000;

    private static final String CREATE_STAGE = """
            CREATE TEMPORARY TABLE IF NOT EXISTS metric_sample_stage (
                ts_us bigint NOT NULL, resource_id bigint NOT NULL, metric text NOT NULL, value double precision NOT NULL)""";
    private static final String COPY_STAGE = "COPY metric_sample_stage (ts_us, resource_id, metric, value) FROM STDIN";
    // Microseconds since the epoch as an exact integer: a text timestamp costs more to format and to parse.
    private static final String MERGE_STAGE = """
            INSERT INTO rootscope.metric_sample (ts, tenant_id, resource_id, metric, value)
            SELECT timestamptz 'epoch' + ts_us * interval '1 microsecond', ?, resource_id, metric, value
              FROM metric_sample_stage
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
        try (Statement statement = connection.createStatement()) {
            statement.execute(CREATE_STAGE);
        }
        CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
        long inserted = 0;
        Iterator<MetricSampleRow> rows = samples.iterator();
        StringBuilder text = new StringBuilder(64 * 1024);
        while (rows.hasNext()) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("TRUNCATE metric_sample_stage");
            }
            CopyIn in = copy.copyIn(COPY_STAGE);
            try {
                for (int n = 0; n < batchSize && rows.hasNext(); n++) {
                    append(text, rows.next());
                    if (text.length() > 60 * 1024) {
                        flush(in, text);
                    }
                }
                flush(in, text);
                in.endCopy();
            } finally {
                if (in.isActive()) {
                    in.cancelCopy();
                }
            }
            try (PreparedStatement merge = connection.prepareStatement(MERGE_STAGE)) {
                merge.setLong(1, tenantId);
                inserted += merge.executeUpdate();
            }
        }
        return inserted;
    }

    private static void append(StringBuilder text, MetricSampleRow row) {
        text.append(row.ts().getEpochSecond() * 1_000_000 + row.ts().getNano() / 1_000).append('\t')
                .append(row.resourceId()).append('\t');
        appendEscaped(text, row.metric());
        text.append('\t').append(row.value()).append('\n');
    }

    /** COPY text format: backslash, tab and line breaks must be escaped. */
    private static void appendEscaped(StringBuilder text, String value) {
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

    private static void flush(CopyIn in, StringBuilder text) throws SQLException {
        if (text.length() == 0) {
            return;
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        in.writeToCopy(bytes, 0, bytes.length);
        text.setLength(0);
    }
}
