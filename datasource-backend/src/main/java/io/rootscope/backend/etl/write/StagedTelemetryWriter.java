package io.rootscope.backend.etl.write;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.postgresql.PGConnection;

/**
 * Stages pushed telemetry: service-to-service calls into {@code span_call}, spans into {@code trace_span}, log events
 * into {@code log_event}. Every ingest protocol (OTLP, plain text logs, case CSV files) stages through here, by way
 * of {@code TelemetryIngestor}. Each batch is one binary COPY, on the caller's transaction.
 */
// JDBC: bulk writes, one binary COPY per batch on the push's transaction (db/package-info).
public final class StagedTelemetryWriter {

    /** A call from one service to another, as the caller's span saw it. */
    public record CallRow(Instant ts, Long callerId, Long calleeId, double durationMs, boolean error) {
    }

    /** A span of a service; {@code peerId} the resource it names as its peer, null when none. */
    public record SpanRow(Instant ts, Long resourceId, String traceId, String spanId, String parentSpanId, String operation,
                          long durationUs, boolean error, Long peerId) {
    }

    /** A log record as an event of its template, found by the template's fingerprint. */
    public record LogEventRow(Instant ts, Long resourceId, String fingerprint, boolean error) {
    }

    private static final String COPY_CALLS = """
            COPY rootscope.span_call (ts, tenant_id, src_resource_id, dst_resource_id, duration_ms, error) FROM STDIN (FORMAT binary)""";
    private static final String PATTERN_IDS = """
            SELECT fingerprint, pattern_id FROM rootscope.log_pattern WHERE tenant_id = ? AND fingerprint = ANY (?::text[])""";
    private static final String COPY_LOG_EVENTS = """
            COPY rootscope.log_event (ts, tenant_id, resource_id, pattern_id, error) FROM STDIN (FORMAT binary)""";

    private static final IdempotentCopy<SpanRow> SPANS = new IdempotentCopy<>("rootscope.trace_span",
            "(ts, tenant_id, resource_id, trace_id, span_id, parent_span_id, operation, duration_us, error, peer_resource_id)",
            "trace_span_pk", (s, tenantId, rows) -> rows.row(10).timestamp(s.ts()).int8(tenantId).int8(s.resourceId()).text(s.traceId())
                    .text(s.spanId()).text(s.parentSpanId()).text(s.operation()).int8(s.durationUs()).bool(s.error()).int8(s.peerId()),
            MetricSampleWriter.BATCH_SIZE_DEFAULT);

    /** @return the calls staged */
    public long insertCalls(Connection connection, long tenantId, List<CallRow> calls) throws SQLException {
        if (calls.isEmpty()) {
            return 0;
        }
        return copy(connection, tenantId, COPY_CALLS, calls, (c, tenant, rows) -> rows.row(6).timestamp(c.ts()).int8(tenant)
                .int8(c.callerId()).int8(c.calleeId()).float8(c.durationMs()).bool(c.error()));
    }

    /** Stages the spans; a span stored before (same tenant, trace and span id) is skipped ({@link IdempotentCopy}). */
    public void insertSpans(Connection connection, long tenantId, List<SpanRow> spans) throws SQLException {
        SPANS.write(connection, tenantId, spans);
    }

    /** Stages the events of templates already in {@code log_pattern}; an event of another template is left out. @return the events staged */
    public long insertLogEvents(Connection connection, long tenantId, List<LogEventRow> events) throws SQLException {
        if (events.isEmpty()) {
            return 0;
        }
        Map<String, Long> patternIds = patternIds(connection, tenantId, events);
        List<LogEventRow> known = events.stream().filter(e -> patternIds.containsKey(e.fingerprint())).toList();
        if (known.isEmpty()) {
            return 0;
        }
        return copy(connection, tenantId, COPY_LOG_EVENTS, known, (e, tenant, rows) -> rows.row(5).timestamp(e.ts()).int8(tenant)
                .int8(e.resourceId()).int8(patternIds.get(e.fingerprint()).longValue()).bool(e.error()));
    }

    /** The {@code pattern_id} of each template the events name, by fingerprint. */
    private static Map<String, Long> patternIds(Connection connection, long tenantId, List<LogEventRow> events) throws SQLException {
        Map<String, Long> ids = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement(PATTERN_IDS)) {
            select.setLong(1, tenantId);
            select.setArray(2, connection.createArrayOf("text", events.stream().map(LogEventRow::fingerprint).distinct().toArray()));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    ids.put(rows.getString(1), rows.getLong(2));
                }
            }
        }
        return ids;
    }

    /** COPYs the tenant's rows, each encoded by {@code encoder}, in one statement. @return the rows copied */
    private static <T> long copy(Connection connection, long tenantId, String sql, List<T> rows, BinaryCopyRows.RowEncoder<T> encoder)
            throws SQLException {
        List<byte[]> chunks = new BinaryCopyRows().encode(rows.iterator(), rows.size(), encoder, tenantId);
        return BinaryCopyRows.copy(connection.unwrap(PGConnection.class).getCopyAPI(), sql, chunks);
    }
}
