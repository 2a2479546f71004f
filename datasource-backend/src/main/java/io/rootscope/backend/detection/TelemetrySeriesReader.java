package io.rootscope.backend.detection;

import io.rootscope.analytics.detection.NewTemplateSeries;
import io.rootscope.analytics.detection.SeriesPoint;
import io.rootscope.analytics.detection.TelemetryDetection;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

/**
 * Reads the per-step series of {@link TelemetryDetection} from a tenant's staged logs ({@code log_event},
 * {@code log_pattern}) and spans ({@code trace_span}): per service the error events and the events of new error
 * templates; per service and operation the span count, failed share and 90th percentile of the duration. Steps are
 * aligned to the epoch; only whole steps are read. Count series are zero-filled from their first step with data, so a
 * step without events is a zero and an operation that stops is seen stopping; latency and failure points need
 * {@link TelemetryDetection#minSpansPerPoint} spans.
 */
final class TelemetrySeriesReader {

    private static final String LOG_STEPS = """
            SELECT e.resource_id, r.urn, r.name, floor(extract(epoch FROM e.ts) * 1000 / {1})::bigint AS step,
                   count(*) AS events, count(*) FILTER (WHERE e.error) AS errors
              FROM rootscope.log_event e
              JOIN rootscope.dim_resource r ON r.resource_id = e.resource_id AND r.tenant_id = e.tenant_id
             WHERE e.tenant_id = {0} AND e.ts >= {2} AND e.ts < {3}
             GROUP BY 1, 2, 3, 4
             ORDER BY 1, 4""";
    /** Events of the error templates the tenant first logged inside the read range: the only ones that can be new. */
    private static final String NEW_TEMPLATE_STEPS = """
            SELECT e.resource_id, p.pattern_id, p.pattern, p.severity, floor(extract(epoch FROM e.ts) * 1000 / {1})::bigint AS step,
                   count(*) AS events
              FROM rootscope.log_event e
              JOIN rootscope.log_pattern p ON p.pattern_id = e.pattern_id AND p.tenant_id = e.tenant_id
             WHERE e.tenant_id = {0} AND e.ts >= {2} AND e.ts < {3}
               AND p.first_seen >= {2} AND p.severity IN ('ERROR', 'FATAL')
             GROUP BY 1, 2, 3, 4, 5""";
    /** Operations judged per tenant, the busiest: a client inventing operation names cannot grow detection's memory. */
    static final int MAX_OPERATIONS = 1000;
    private static final String SPAN_STEPS = """
            WITH busiest AS (
                SELECT resource_id, operation FROM rootscope.trace_span
                 WHERE tenant_id = {0} AND ts >= {2} AND ts < {3}
                 GROUP BY 1, 2 ORDER BY count(*) DESC, 1, 2 LIMIT %d)
            SELECT s.resource_id, r.urn, r.name, s.operation, floor(extract(epoch FROM s.ts) * 1000 / {1})::bigint AS step,
                   count(*) AS spans, count(*) FILTER (WHERE s.error) AS failed,
                   percentile_cont(0.9) WITHIN GROUP (ORDER BY s.duration_us) AS p90
              FROM rootscope.trace_span s
              JOIN busiest b ON b.resource_id = s.resource_id AND b.operation = s.operation
              JOIN rootscope.dim_resource r ON r.resource_id = s.resource_id AND r.tenant_id = s.tenant_id
             WHERE s.tenant_id = {0} AND s.ts >= {2} AND s.ts < {3}
             GROUP BY 1, 2, 3, 4, 5
             ORDER BY 1, 4, 5""".formatted(MAX_OPERATIONS);

    private final DSLContext db;
    private final TelemetryDetection settings;
    private final long stepMillis;

    TelemetrySeriesReader(DSLContext db, TelemetryDetection settings) {
        this.db = db;
        this.settings = settings;
        this.stepMillis = settings.step().toMillis();
    }

    /** Every series of the tenant's logs and spans in the whole steps of [from, to). */
    List<TelemetrySeries> read(long tenantId, Instant from, Instant to) {
        long first = Math.floorDiv(from.toEpochMilli(), stepMillis) * stepMillis;
        long end = Math.floorDiv(to.toEpochMilli(), stepMillis) * stepMillis;
        List<TelemetrySeries> series = new ArrayList<>();
        if (end <= first) {
            return series;
        }
        readLogs(tenantId, first, end, series);
        readSpans(tenantId, first, end, series);
        return series;
    }

    private void readLogs(long tenantId, long first, long end, List<TelemetrySeries> series) {
        record Service(long resourceId, String urn, String name, TreeMap<Long, Long> errors) {
        }
        Map<Long, Service> services = new LinkedHashMap<>();
        for (Record row : query(LOG_STEPS, tenantId, first, end)) {
            Service service = services.computeIfAbsent(row.get(0, Long.class),
                    id -> new Service(id, row.get(1, String.class), row.get(2, String.class), new TreeMap<>()));
            service.errors().put(row.get(3, Long.class) * stepMillis, row.get(5, Long.class));
        }
        Map<Long, Map<Long, NewTemplateSeries.TemplateCounts>> newTemplates = new HashMap<>();
        Map<String, TelemetrySeries.NewTemplate> templateRows = new HashMap<>();
        for (Record row : query(NEW_TEMPLATE_STEPS, tenantId, first, end)) {
            long patternId = row.get(1, Long.class);
            String pattern = row.get(2, String.class);
            templateRows.put(pattern, new TelemetrySeries.NewTemplate(patternId, pattern, row.get(3, String.class)));
            newTemplates.computeIfAbsent(row.get(0, Long.class), id -> new HashMap<>())
                    .computeIfAbsent(patternId, id -> new NewTemplateSeries.TemplateCounts(pattern, new TreeMap<>()))
                    .countsByStep().put(row.get(4, Long.class) * stepMillis, row.get(5, Long.class));
        }
        for (Service service : services.values()) {
            long since = service.errors().firstKey();
            series.add(new TelemetrySeries(service.resourceId(), service.urn(), service.name(), TelemetryDetection.ERROR_LOG_EVENTS, "",
                    stepMillis, zeroFilled(service.errors(), since, end), Map.of()));
            NewTemplateSeries novel = NewTemplateSeries.build(since, end, stepMillis,
                    List.copyOf(newTemplates.getOrDefault(service.resourceId(), Map.of()).values()),
                    settings.noveltyPoints(), settings.minBaselinePoints());
            Map<Long, TelemetrySeries.NewTemplate> leading = new HashMap<>();
            novel.leading().forEach((step, pattern) -> leading.put(step, templateRows.get(pattern)));
            series.add(new TelemetrySeries(service.resourceId(), service.urn(), service.name(), TelemetryDetection.NEW_ERROR_TEMPLATE_EVENTS,
                    "", stepMillis, novel.points(), leading));
        }
    }

    private void readSpans(long tenantId, long first, long end, List<TelemetrySeries> series) {
        record Operation(long resourceId, String urn, String service, String name, TreeMap<Long, Long> calls,
                         List<SeriesPoint> p90, List<SeriesPoint> failedShare) {
        }
        Map<List<Object>, Operation> operations = new LinkedHashMap<>();
        for (Record row : query(SPAN_STEPS, tenantId, first, end)) {
            long resourceId = row.get(0, Long.class);
            String name = row.get(3, String.class);
            Operation operation = operations.computeIfAbsent(List.of(resourceId, name), key -> new Operation(resourceId,
                    row.get(1, String.class), row.get(2, String.class), name, new TreeMap<>(), new ArrayList<>(), new ArrayList<>()));
            long step = row.get(4, Long.class) * stepMillis;
            long spans = row.get(5, Long.class);
            operation.calls().put(step, spans);
            if (spans >= settings.minSpansPerPoint()) {
                operation.p90().add(new SeriesPoint(step, row.get(7, Double.class)));
                operation.failedShare().add(new SeriesPoint(step, (double) row.get(6, Long.class) / spans));
            }
        }
        for (Operation operation : operations.values()) {
            series.add(new TelemetrySeries(operation.resourceId(), operation.urn(), operation.service(), TelemetryDetection.SPAN_CALLS,
                    operation.name(), stepMillis, zeroFilled(operation.calls(), operation.calls().firstKey(), end), Map.of()));
            series.add(new TelemetrySeries(operation.resourceId(), operation.urn(), operation.service(), TelemetryDetection.SPAN_DURATION_P90,
                    operation.name(), stepMillis, operation.p90(), Map.of()));
            series.add(new TelemetrySeries(operation.resourceId(), operation.urn(), operation.service(), TelemetryDetection.SPAN_FAILED_SHARE,
                    operation.name(), stepMillis, operation.failedShare(), Map.of()));
        }
    }

    private List<SeriesPoint> zeroFilled(TreeMap<Long, Long> counts, long since, long end) {
        List<SeriesPoint> points = new ArrayList<>();
        for (long step = since; step < end; step += stepMillis) {
            points.add(new SeriesPoint(step, counts.getOrDefault(step, 0L)));
        }
        return points;
    }

    private List<Record> query(String sql, long tenantId, long first, long end) {
        return db.resultQuery(sql, DSL.val(tenantId), DSL.val(stepMillis), time(first), time(end)).fetch();
    }

    private static org.jooq.Param<OffsetDateTime> time(long millis) {
        return DSL.val(Instant.ofEpochMilli(millis).atOffset(ZoneOffset.UTC));
    }
}
