package io.rootscope.backend.detection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rootscope.analytics.detection.TelemetryDetection;
import io.rootscope.analytics.logs.LogSeverity;
import io.rootscope.backend.etl.parse.ParseResult;
import io.rootscope.backend.etl.parse.ParsedLogRecord;
import io.rootscope.backend.etl.parse.ParsedSpan;
import io.rootscope.backend.etl.parse.ServiceRef;
import io.rootscope.backend.etl.parse.SpanKind;
import io.rootscope.backend.etl.write.ResourceResolver;
import io.rootscope.backend.ingest.TelemetryIngestor;
import io.rootscope.backend.testing.Rows;
import io.rootscope.backend.testing.TestDatabase;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/**
 * Detection from logs and spans pushed through the real ingest ({@link TelemetryIngestor}: Drain mining into
 * {@code log_pattern}/{@code log_event}, spans into {@code trace_span}), run minute by minute as the ETL runs it, over a
 * shop whose metrics stay flat: {@code front-end} calls {@code carts}, which reads its database. From minute 40 the
 * operation of {@code carts} throws: it logs an exception, its spans fail and its database call is no longer made.
 */
class TelemetryDetectionJobTest {

    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    private static final int FAULT_MINUTE = 40;
    private static final int MINUTES = 52;
    private static final ServiceRef FRONT_END = new ServiceRef("front-end", "shop");
    private static final ServiceRef CARTS = new ServiceRef("carts", "shop");
    private static final String CARTS_URN = CARTS.toUrn().format();
    private static final String FRONT_END_URN = FRONT_END.toUrn().format();

    private final DataSource db = TestDatabase.shared().dataSource();
    private final DSLContext jooq = DSL.using(db, SQLDialect.POSTGRES);
    private final TelemetryIngestor ingestor = new TelemetryIngestor(db, new ResourceResolver(db));
    private final List<String> notified = new ArrayList<>();

    @Test
    void anExceptionWithFlatMetricsOpensIncidentsOnTheThrowingServiceFromTheFaultsMinute() throws SQLException {
        long tenant = tenant();
        push(tenant, true, 1);
        flatMetrics(tenant);

        List<UUID> opened = detectMinuteByMinute(tenant);

        List<String> incidents = Rows.column(db, """
                SELECT (e.labels ->> 'rule') || ' ' || r.urn || ' ' || (e.started_at = '%s'::timestamptz)
                  FROM event_envelope e JOIN dim_resource r USING (resource_id)
                 WHERE e.tenant_id = %s ORDER BY 1""".formatted(T0.plus(Duration.ofMinutes(FAULT_MINUTE)), tenant));
        assertTrue(incidents.contains(TelemetryDetection.NEW_ERROR_TEMPLATE + " " + CARTS_URN + " true"), incidents.toString());
        assertTrue(incidents.contains(TelemetryDetection.OPERATION_FAILURES + " " + CARTS_URN + " true"), incidents.toString());
        assertTrue(incidents.contains(TelemetryDetection.OPERATION_DISAPPEARANCE + " " + CARTS_URN + " true"), incidents.toString());
        assertTrue(incidents.contains(TelemetryDetection.LOG_ERROR_SURGE + " " + CARTS_URN + " true"), incidents.toString());
        assertTrue(incidents.stream().allMatch(i -> i.endsWith(" true")), "every incident starts at the fault's minute: " + incidents);
        assertTrue(incidents.stream().noneMatch(i -> i.startsWith("service-anomaly") || i.startsWith("error-rate-slo")
                || i.startsWith("cpu-saturation")), "the metrics are flat: " + incidents);

        assertEquals("new ERROR template on carts: Request processing failed: java.lang.IllegalStateException: Cart <*> has no customer",
                Rows.single(db, "SELECT title FROM event_envelope WHERE tenant_id = %s AND labels ->> 'rule' = '%s'"
                        .formatted(tenant, TelemetryDetection.NEW_ERROR_TEMPLATE)));
        assertEquals("Calls of find carts-db on carts disappeared", Rows.single(db,
                "SELECT title FROM event_envelope WHERE tenant_id = %s AND labels ->> 'rule' = '%s'"
                        .formatted(tenant, TelemetryDetection.OPERATION_DISAPPEARANCE)));
        assertEquals("log log_pattern ERROR", Rows.single(db, """
                SELECT l.dim || ' ' || (l.ref_pg ->> 'table') || ' ' || p.severity
                  FROM evidence_link l JOIN event_envelope e USING (event_id)
                  JOIN log_pattern p ON p.pattern_id = (l.ref_pg ->> 'pattern_id')::bigint AND p.tenant_id = e.tenant_id
                 WHERE e.tenant_id = %s AND e.labels ->> 'rule' = '%s'""".formatted(tenant, TelemetryDetection.NEW_ERROR_TEMPLATE)));

        assertEquals(incidents.size(), opened.size(), "each incident opened once over the overlapping runs");
        assertTrue(notified.contains(TelemetryDetection.NEW_ERROR_TEMPLATE + " " + CARTS_URN + " " + T0.plus(Duration.ofMinutes(FAULT_MINUTE))),
                "the diagnosis is asked for from the throwing service: " + notified);
        assertEquals(List.of(), detectMinuteByMinute(tenant), "running every window again opens nothing");
    }

    @Test
    void aSteadyWorkloadWithOneStrayErrorLineOpensNothing() throws SQLException {
        long tenant = tenant();
        push(tenant, false, 2);
        flatMetrics(tenant);

        assertEquals(List.of(), detectMinuteByMinute(tenant));
        assertEquals("0", Rows.single(db, "SELECT count(*) FROM event_envelope WHERE tenant_id = " + tenant));
    }

    @Test
    void anotherTenantsFaultNeverOpensOrShowsAnIncidentInThisTenant() throws SQLException {
        long steady = tenant();
        long faulty = tenant();
        push(steady, false, 3);
        push(faulty, true, 3);

        assertEquals(List.of(), detectMinuteByMinute(steady));
        assertEquals("0", Rows.single(db, "SELECT count(*) FROM event_envelope WHERE tenant_id = " + steady));
        assertTrue(!detectMinuteByMinute(faulty).isEmpty(), "the faulty tenant's own detection finds its fault");
        assertEquals("0", Rows.single(db, "SELECT count(*) FROM event_envelope WHERE tenant_id = " + steady));
        assertEquals("0", Rows.single(db, """
                SELECT count(*) FROM event_envelope e JOIN dim_resource r USING (resource_id)
                 WHERE e.tenant_id = %s AND r.tenant_id <> e.tenant_id""".formatted(faulty)));
    }

    /** Runs detection over one-minute windows from minute 31 to the end, as the ETL does; returns the incidents it opened. */
    private List<UUID> detectMinuteByMinute(long tenant) {
        DetectionJob job = new DetectionJob(jooq, DetectionSettings.DEFAULT, (eventId, tenantId, frontendUrn, anomalyStart) -> {
            assertEquals(tenant, tenantId);
            Object rule = jooq.fetchValue("SELECT labels ->> 'rule' FROM event_envelope WHERE event_id = ?::uuid", eventId.toString());
            notified.add(rule + " " + frontendUrn + " " + anomalyStart);
        });
        List<UUID> opened = new ArrayList<>();
        for (int minute = 31; minute < MINUTES; minute++) {
            opened.addAll(job.run(tenant, T0.plus(Duration.ofMinutes(minute)), T0.plus(Duration.ofMinutes(minute + 1))).opened());
        }
        return opened;
    }

    @Test
    void aClientInventingOperationNamesGetsOnlyTheBusiestOperationsJudged() throws SQLException {
        long tenant = tenant();
        List<ParsedSpan> spans = new ArrayList<>();
        Random random = new Random(3);
        int invented = TelemetrySeriesReader.MAX_OPERATIONS + 50;
        for (int i = 0; i < invented; i++) {
            long start = nanos(T0.plusMillis(i));
            spans.add(span(hex(random, 16), hex(random, 8), null, CARTS, "GET /cart/" + i, SpanKind.SERVER, start,
                    start + 1_000_000, false, null));
        }
        for (int i = 0; i < 3; i++) {
            long start = nanos(T0.plusSeconds(10 + i));
            spans.add(span(hex(random, 16), hex(random, 8), null, CARTS, "GET /cart", SpanKind.SERVER, start,
                    start + 1_000_000, false, null));
        }
        ingestor.stageSpans(tenant, new ParseResult<>(spans, List.of()));

        List<TelemetrySeries> series = new TelemetrySeriesReader(jooq, TelemetryDetection.DEFAULT)
                .read(tenant, T0, T0.plus(Duration.ofMinutes(2)));
        List<String> operations = series.stream().filter(s -> s.signal().equals(TelemetryDetection.SPAN_CALLS))
                .map(TelemetrySeries::operation).toList();
        assertEquals(TelemetrySeriesReader.MAX_OPERATIONS, operations.size());
        assertTrue(operations.contains("GET /cart"), "the busiest operation is judged");
    }

    private long tenant() throws SQLException {
        String code = "telemetry-" + UUID.randomUUID().toString().substring(0, 8);
        return Long.parseLong(Rows.single(db, "INSERT INTO dim_tenant (code, name) VALUES ('" + code + "', 'Telemetry') RETURNING tenant_id"));
    }

    /** Latency, error rate and CPU of both services, the same every minute whatever the logs and spans say. */
    private void flatMetrics(long tenant) throws SQLException {
        Rows.execute(db, """
                INSERT INTO metric_1m (bucket, tenant_id, resource_id, metric, avg_val, max_val, p95_val, sample_count)
                SELECT '%1$s'::timestamptz + i * interval '1 minute', %2$s, r.resource_id, m.metric, m.value + (i %% 3) * m.value / 100,
                       m.value, m.value, 4
                  FROM generate_series(0, %3$s) AS i, dim_resource r,
                       (VALUES ('latency', 0.02), ('error_rate', 0.001), ('cpu', 0.3)) AS m (metric, value)
                 WHERE r.tenant_id = %2$s""".formatted(T0, tenant, MINUTES - 1));
    }

    /**
     * Pushes a minute at a time: 30 requests of the front-end, each a trace front-end → carts → carts-db, with an access
     * log line per server span. From {@link #FAULT_MINUTE} on, when {@code fault}, every carts request throws. At minute
     * 25 carts logs one stray error line of a template never seen again.
     */
    private void push(long tenant, boolean fault, long seed) throws SQLException {
        Random random = new Random(seed);
        for (int minute = 0; minute < MINUTES; minute++) {
            List<ParsedSpan> spans = new ArrayList<>();
            List<ParsedLogRecord> logs = new ArrayList<>();
            boolean throwing = fault && minute >= FAULT_MINUTE;
            for (int request = 0; request < 30; request++) {
                long start = nanos(T0.plus(Duration.ofMinutes(minute)).plusMillis(request * 2000L + random.nextInt(1000)));
                request(random, start, throwing, spans, logs);
            }
            if (minute == 25) {
                logs.add(log(CARTS, nanos(T0.plus(Duration.ofMinutes(minute)).plusSeconds(7)), LogSeverity.ERROR,
                        "Timeout waiting for connection from pool"));
            }
            assertEquals(List.of(), ingestor.stageSpans(tenant, new ParseResult<>(spans, List.of())).rejects());
            assertEquals(List.of(), ingestor.stageLogs(tenant, new ParseResult<>(logs, List.of())).rejects());
        }
    }

    private void request(Random random, long start, boolean throwing, List<ParsedSpan> spans, List<ParsedLogRecord> logs) {
        String trace = hex(random, 16);
        String frontEnd = hex(random, 8);
        String client = hex(random, 8);
        String carts = hex(random, 8);
        long cartsStart = start + millis(2 + random.nextDouble());
        long cartsOwn = millis(4 + random.nextDouble() * 2);
        long cartsEnd;
        if (throwing) {
            cartsEnd = cartsStart + cartsOwn;
            logs.add(log(CARTS, cartsEnd, LogSeverity.ERROR, "Request processing failed: java.lang.IllegalStateException: Cart "
                    + hex(random, 4) + " has no customer"));
        } else {
            long dbStart = cartsStart + cartsOwn / 2;
            long dbEnd = dbStart + millis(3 + random.nextDouble() * 2);
            spans.add(span(trace, hex(random, 8), carts, CARTS, "find carts-db", SpanKind.CLIENT, dbStart, dbEnd, false, "carts-db"));
            cartsEnd = dbEnd + cartsOwn / 2;
        }
        spans.add(span(trace, carts, client, CARTS, "GET /carts/{customerId}/items", SpanKind.SERVER, cartsStart, cartsEnd, throwing, null));
        logs.add(access(CARTS, "GET /carts/{customerId}/items", throwing, cartsStart, cartsEnd));
        long clientEnd = cartsEnd + millis(1);
        spans.add(span(trace, client, frontEnd, FRONT_END, "GET", SpanKind.CLIENT, start + millis(1), clientEnd, throwing, null));
        long end = clientEnd + millis(2 + random.nextDouble());
        spans.add(span(trace, frontEnd, null, FRONT_END, "GET /cart", SpanKind.SERVER, start, end, throwing, null));
        logs.add(access(FRONT_END, "GET /cart", throwing, start, end));
    }

    private static ParsedSpan span(String trace, String id, String parent, ServiceRef service, String name, SpanKind kind,
                                   long start, long end, boolean error, String peer) {
        return new ParsedSpan(trace, id, parent, service, name, kind, start, end, error, peer);
    }

    private static ParsedLogRecord access(ServiceRef service, String route, boolean failed, long start, long end) {
        return log(service, end, failed ? LogSeverity.ERROR : LogSeverity.INFO, String.format(Locale.ROOT,
                "Completed %s with status %d in %.1f ms", route, failed ? 500 : 200, (end - start) / 1e6));
    }

    private static ParsedLogRecord log(ServiceRef service, long time, LogSeverity severity, String body) {
        return new ParsedLogRecord(service, time, severity, body, null, null);
    }

    private static long nanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    private static long millis(double ms) {
        return Math.round(ms * 1e6);
    }

    private static String hex(Random random, int bytes) {
        byte[] id = new byte[bytes];
        random.nextBytes(id);
        return HexFormat.of().formatHex(id);
    }
}
