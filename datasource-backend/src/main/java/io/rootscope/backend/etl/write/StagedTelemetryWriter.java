package io.rootscope.backend.etl.write;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * Stages pushed telemetry: service-to-service calls into {@code span_call}, spans into {@code trace_span}, log events
 * into {@code log_event}. Every ingest protocol (OTLP/JSON, plain text logs, case CSV files) stages through here, by way
 * of {@code TelemetryIngestor}. Each batch is one statement over arrays ({@code unnest}), on the caller's transaction.
 */
// JDBC: bulk writes, one unnest statement per batch on the push's transaction (db/package-info).
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

    private static final String INSERT_CALLS = """
            INSERT INTO rootscope.span_call (ts, tenant_id, src_resource_id, dst_resource_id, duration_ms, error)
            SELECT * FROM unnest(?::timestamptz[], ?::bigint[], ?::bigint[], ?::bigint[], ?::float8[], ?::boolean[])""";
    private static final String INSERT_SPANS = """
            INSERT INTO rootscope.trace_span (ts, tenant_id, resource_id, trace_id, span_id, parent_span_id, operation, duration_us, error,
                                              peer_resource_id)
            SELECT r.ts, ?, r.resource_id, r.trace_id, r.span_id, r.parent_span_id, r.operation, r.duration_us, r.error, r.peer_resource_id
              FROM unnest(?::timestamptz[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::bigint[], ?::boolean[], ?::bigint[])
                   AS r (ts, resource_id, trace_id, span_id, parent_span_id, operation, duration_us, error, peer_resource_id)
            ON CONFLICT DO NOTHING""";
    private static final String INSERT_LOG_EVENTS = """
            INSERT INTO rootscope.log_event (ts, tenant_id, resource_id, pattern_id, error)
            SELECT r.ts, ?, r.resource_id, p.pattern_id, r.error
              FROM unnest(?::timestamptz[], ?::bigint[], ?::text[], ?::boolean[]) AS r (ts, resource_id, fingerprint, error)
              JOIN rootscope.log_pattern p ON p.tenant_id = ? AND p.fingerprint = r.fingerprint""";

    /** @return the calls staged */
    public long insertCalls(Connection connection, long tenantId, List<CallRow> calls) throws SQLException {
        if (calls.isEmpty()) {
            return 0;
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT_CALLS)) {
            insert.setArray(1, connection.createArrayOf("timestamptz", calls.stream().map(c -> c.ts().toString()).toArray()));
            insert.setArray(2, connection.createArrayOf("bigint", calls.stream().map(c -> tenantId).toArray()));
            insert.setArray(3, connection.createArrayOf("bigint", calls.stream().map(CallRow::callerId).toArray()));
            insert.setArray(4, connection.createArrayOf("bigint", calls.stream().map(CallRow::calleeId).toArray()));
            insert.setArray(5, connection.createArrayOf("float8", calls.stream().map(CallRow::durationMs).toArray()));
            insert.setArray(6, connection.createArrayOf("boolean", calls.stream().map(CallRow::error).toArray()));
            return insert.executeUpdate();
        }
    }

    /** Stages the spans; a span stored before (same tenant, trace and span id) is skipped. */
    public void insertSpans(Connection connection, long tenantId, List<SpanRow> spans) throws SQLException {
        if (spans.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT_SPANS)) {
            insert.setLong(1, tenantId);
            insert.setArray(2, connection.createArrayOf("timestamptz", spans.stream().map(s -> s.ts().toString()).toArray()));
            insert.setArray(3, connection.createArrayOf("bigint", spans.stream().map(SpanRow::resourceId).toArray()));
            insert.setArray(4, connection.createArrayOf("text", spans.stream().map(SpanRow::traceId).toArray()));
            insert.setArray(5, connection.createArrayOf("text", spans.stream().map(SpanRow::spanId).toArray()));
            insert.setArray(6, connection.createArrayOf("text", spans.stream().map(SpanRow::parentSpanId).toArray()));
            insert.setArray(7, connection.createArrayOf("text", spans.stream().map(SpanRow::operation).toArray()));
            insert.setArray(8, connection.createArrayOf("bigint", spans.stream().map(SpanRow::durationUs).toArray()));
            insert.setArray(9, connection.createArrayOf("boolean", spans.stream().map(SpanRow::error).toArray()));
            insert.setArray(10, connection.createArrayOf("bigint", spans.stream().map(SpanRow::peerId).toArray()));
            insert.executeUpdate();
        }
    }

    /** Stages the events of templates already in {@code log_pattern}. @return the events staged */
    public long insertLogEvents(Connection connection, long tenantId, List<LogEventRow> events) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT_LOG_EVENTS)) {
            insert.setLong(1, tenantId);
            insert.setArray(2, connection.createArrayOf("timestamptz", events.stream().map(e -> e.ts().toString()).toArray()));
            insert.setArray(3, connection.createArrayOf("bigint", events.stream().map(LogEventRow::resourceId).toArray()));
            insert.setArray(4, connection.createArrayOf("text", events.stream().map(LogEventRow::fingerprint).toArray()));
            insert.setArray(5, connection.createArrayOf("boolean", events.stream().map(LogEventRow::error).toArray()));
            insert.setLong(6, tenantId);
            return insert.executeUpdate();
        }
    }
}
