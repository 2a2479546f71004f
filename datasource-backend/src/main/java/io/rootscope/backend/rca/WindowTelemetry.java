package io.rootscope.backend.rca;

import io.rootscope.analytics.logs.LogSeverity;
import io.rootscope.analytics.logs.LogTemplate;
import io.rootscope.analytics.rca.LogEvent;
import io.rootscope.analytics.rca.SpanRecord;
import io.rootscope.backend.db.ResultRows;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * The log events ({@code log_event} with their {@code log_pattern}) and spans ({@code trace_span}) of a tenant's window
 * [from, to), with services as URNs, for the diagnosis. Memory is bounded by caps: past {@code maxSpans}, whole traces are
 * kept, chosen by a hash of the trace id (a parent and its children stay together, and the same data always keeps the same
 * traces); past {@code maxLogEvents}, every service's every template is thinned by the same share, its events chosen by a
 * hash of their time, and each keeps at least one event, so a rare template (a new error) is never thinned away. Both
 * samples are spread evenly over time, so the normal and anomalous periods are thinned alike and rates stay comparable.
 * The caps apply in SQL: no more than a cap's rows are ever fetched.
 */
final class WindowTelemetry {

    private static final String SPAN_COLUMNS = """
            (extract(epoch FROM s.ts) * 1000000)::bigint AS micros, r.urn, s.trace_id, s.span_id, s.parent_span_id,
            s.operation, s.duration_us, s.error,
            (SELECT p.urn FROM rootscope.dim_resource p WHERE p.resource_id = s.peer_resource_id AND p.tenant_id = {0}) AS peer""";
    private static final String SPANS = "SELECT " + SPAN_COLUMNS + """
             FROM rootscope.trace_span s
             JOIN rootscope.dim_resource r ON r.resource_id = s.resource_id AND r.tenant_id = {0}
            WHERE s.tenant_id = {0} AND s.ts >= {1} AND s.ts < {2}
            LIMIT {3}""";
    /**
     * Traces in the order of their id's hash, as many as fit in the cap (a prefix of that order: deterministic), selected
     * by comparing each span's (hash, trace id) with the last trace kept: a filter of one scan, where joining the kept
     * traces back let the planner loop over the window once per trace.
     */
    private static final String SPANS_OF_KEPT_TRACES = """
            WITH traces AS MATERIALIZED (
                SELECT trace_id, count(*) AS spans, hashtextextended(trace_id, 0) AS hash
                  FROM rootscope.trace_span
                 WHERE tenant_id = {0} AND ts >= {1} AND ts < {2}
                 GROUP BY trace_id),
            last_kept AS MATERIALIZED (
                SELECT hash, trace_id
                  FROM (SELECT hash, trace_id, sum(spans) OVER (ORDER BY hash, trace_id) AS running FROM traces) t
                 WHERE running <= {3}
                 ORDER BY hash DESC, trace_id DESC
                 LIMIT 1)
            SELECT """ + SPAN_COLUMNS + """
             FROM rootscope.trace_span s
             JOIN rootscope.dim_resource r ON r.resource_id = s.resource_id AND r.tenant_id = {0}
            WHERE s.tenant_id = {0} AND s.ts >= {1} AND s.ts < {2}
              AND (hashtextextended(s.trace_id, 0), s.trace_id) <= (SELECT hash, trace_id FROM last_kept)""";

    private static final String LOG_EVENTS = """
            SELECT (extract(epoch FROM e.ts) * 1000)::bigint AS millis, e.resource_id, e.pattern_id, e.error
              FROM rootscope.log_event e
             WHERE e.tenant_id = {0} AND e.ts >= {1} AND e.ts < {2}
             LIMIT {3}""";
    /**
     * Each (service, template)'s events in the order of their time's hash; all groups cut at the same share of their
     * events, the first of every group coming first.
     */
    private static final String THINNED_LOG_EVENTS = """
            SELECT millis, resource_id, pattern_id, error FROM (
                SELECT (extract(epoch FROM e.ts) * 1000)::bigint AS millis, e.resource_id, e.pattern_id, e.error,
                       row_number() OVER (PARTITION BY e.resource_id, e.pattern_id
                                          ORDER BY hashint8extended((extract(epoch FROM e.ts) * 1000000)::bigint, 0), e.ts, e.error) AS k,
                       count(*) OVER (PARTITION BY e.resource_id, e.pattern_id) AS n
                  FROM rootscope.log_event e
                 WHERE e.tenant_id = {0} AND e.ts >= {1} AND e.ts < {2}) ranked
             ORDER BY (k - 1)::float8 / n, resource_id, pattern_id, k
             LIMIT {3}""";

    private final DSLContext db;
    private final int maxSpans;
    private final int maxLogEvents;

    WindowTelemetry(DSLContext db, int maxSpans, int maxLogEvents) {
        this.db = db;
        this.maxSpans = maxSpans;
        this.maxLogEvents = maxLogEvents;
    }

    /** The spans starting in [from, to); at most maxSpans, whole traces. */
    List<SpanRecord> spans(long tenantId, Instant from, Instant to) {
        return readSpans(overCap("trace_span", tenantId, from, to, maxSpans) ? SPANS_OF_KEPT_TRACES : SPANS, tenantId, from, to, maxSpans);
    }

    /** The log events written in [from, to); at most maxLogEvents, every service's every template kept. */
    List<LogEvent> logs(long tenantId, Instant from, Instant to) {
        List<long[]> rows = readLogRows(overCap("log_event", tenantId, from, to, maxLogEvents) ? THINNED_LOG_EVENTS : LOG_EVENTS,
                tenantId, from, to, maxLogEvents);
        Map<Long, String> urns = urns(tenantId, rows.stream().map(r -> r[1]).distinct().toList());
        Map<Long, StoredTemplate> patterns = patterns(tenantId, rows.stream().map(r -> r[2]).distinct().toList());
        List<LogEvent> events = new ArrayList<>(rows.size());
        for (long[] row : rows) {
            StoredTemplate pattern = patterns.get(row[2]);
            String urn = urns.get(row[1]);
            if (pattern != null && urn != null) {
                events.add(new LogEvent(row[0], urn, pattern.template(), pattern.severity(row[3] != 0)));
            }
        }
        return events;
    }

    /** A stored template and the severity of its row. */
    private record StoredTemplate(LogTemplate template, LogSeverity stored) {

        /**
         * An event flagged as an error is ERROR (FATAL when its template's row says so); another keeps its template's
         * severity, except an error severity, which the event itself contradicts: then its level is unknown.
         */
        LogSeverity severity(boolean error) {
            if (error) {
                return stored.isError() ? stored : LogSeverity.ERROR;
            }
            return stored.isError() ? LogSeverity.UNSPECIFIED : stored;
        }
    }

    /** Whether the window holds more than {@code cap} rows of the table: counted up to cap + 1 by the (tenant, ts) index. */
    private boolean overCap(String table, long tenantId, Instant from, Instant to, int cap) {
        Long rows = db.resultQuery("SELECT count(*) FROM (SELECT FROM rootscope." + table
                        + " WHERE tenant_id = {0} AND ts >= {1} AND ts < {2} LIMIT {3}) capped",
                DSL.val(tenantId), utc(from), utc(to), DSL.val(cap + 1L)).fetchOne(0, Long.class);
        return rows != null && rows > cap;
    }

    private List<SpanRecord> readSpans(String sql, long tenantId, Instant from, Instant to, int limit) {
        List<SpanRecord> spans = new ArrayList<>();
        // One string per distinct service and operation, not per span.
        Map<String, String> names = new HashMap<>();
        read(sql, tenantId, from, to, limit, r -> spans.add(new SpanRecord(r.getString(3), r.getString(4), r.getString(5),
                names.computeIfAbsent(r.getString(2), n -> n), names.computeIfAbsent(r.getString(6), n -> n), r.getLong(1), r.getLong(7),
                r.getBoolean(8), r.getString(9) == null ? null : names.computeIfAbsent(r.getString(9), n -> n))));
        return spans;
    }

    /** Rows as {millis, resource id, pattern id, error 0/1}: four longs, not a record of boxed fields. */
    private List<long[]> readLogRows(String sql, long tenantId, Instant from, Instant to, int limit) {
        List<long[]> rows = new ArrayList<>();
        read(sql, tenantId, from, to, limit, r -> rows.add(new long[] {r.getLong(1), r.getLong(2), r.getLong(3), r.getBoolean(4) ? 1 : 0}));
        return rows;
    }

    /** Runs {@code sql} with {0} the tenant, {1} from, {2} to and {3} the limit, its rows read in place ({@link ResultRows}). */
    private void read(String sql, long tenantId, Instant from, Instant to, long limit, ResultRows.RowReader rows) {
        ResultRows.forEach(db.resultQuery(sql, DSL.val(tenantId), utc(from), utc(to), DSL.val(limit)), rows);
    }

    private Map<Long, String> urns(long tenantId, List<Long> resourceIds) {
        Map<Long, String> urns = new HashMap<>();
        if (!resourceIds.isEmpty()) {
            db.resultQuery("SELECT resource_id, urn FROM rootscope.dim_resource WHERE tenant_id = {0} AND resource_id = ANY({1})",
                            DSL.val(tenantId), DSL.val(resourceIds.toArray(Long[]::new)))
                    .forEach(r -> urns.put(r.get(0, Long.class), r.get(1, String.class)));
        }
        return urns;
    }

    private Map<Long, StoredTemplate> patterns(long tenantId, List<Long> patternIds) {
        Map<Long, StoredTemplate> patterns = new HashMap<>();
        if (!patternIds.isEmpty()) {
            db.resultQuery("SELECT pattern_id, pattern, severity FROM rootscope.log_pattern WHERE tenant_id = {0} AND pattern_id = ANY({1})",
                            DSL.val(tenantId), DSL.val(patternIds.toArray(Long[]::new)))
                    .forEach(r -> patterns.put(r.get(0, Long.class), new StoredTemplate(LogTemplate.of(r.get(1, String.class)),
                            LogSeverity.valueOf(r.get(2, String.class)))));
        }
        return patterns;
    }

    private static Field<java.time.OffsetDateTime> utc(Instant at) {
        return DSL.val(at.atOffset(ZoneOffset.UTC));
    }
}
