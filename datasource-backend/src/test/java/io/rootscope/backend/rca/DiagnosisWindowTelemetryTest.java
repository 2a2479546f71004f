package io.rootscope.backend.rca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rootscope.analytics.logs.LogSeverity;
import io.rootscope.analytics.rca.DiagnosisWindow;
import io.rootscope.analytics.rca.LogEvent;
import io.rootscope.analytics.rca.MetricNameMapping;
import io.rootscope.analytics.rca.SpanRecord;
import io.rootscope.analytics.rca.methods.RootCauseMethods;
import com.zaxxer.hikari.HikariDataSource;
import io.rootscope.backend.db.DataSourceFactory;
import io.rootscope.backend.db.ReadRouting;
import io.rootscope.backend.db.TenantReader;
import io.rootscope.backend.testing.Rows;
import io.rootscope.backend.testing.ShopTelemetry;
import io.rootscope.backend.testing.SlowPaymentMetrics;
import io.rootscope.backend.testing.TestDatabase;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The diagnosis window holds the log events and spans of its period, pushed through the production ingest: services as
 * URNs, parents kept, split at the anomaly start with a normal period before it; services seen only in spans are
 * candidates, a window of logs and spans alone is diagnosable, and the caps keep whole traces and every template, the
 * same ones every time.
 */
class DiagnosisWindowTelemetryTest {

    private static final int MINUTES = 30;
    private static final int PER_MINUTE = 4;
    private static final int NORMAL_MINUTES = 20;

    private static DataSource db;
    private static DSLContext writer;
    private static int tenants;

    @BeforeAll
    static void start() {
        db = TestDatabase.shared().dataSource();
        writer = DSL.using(db, SQLDialect.POSTGRES);
    }

    @Test
    void pushedSpansAndLogsAreInTheWindowWithUrnsParentsAndTheSplit() throws Exception {
        Shop shop = shop();
        DiagnosisWindow window = load(new DiagnosisWindowLoader(writer), shop);

        assertEquals(3 * MINUTES * PER_MINUTE, window.spans().size());
        assertEquals(shop.anomalyStart.toEpochMilli(), window.evidenceSplitMillis());
        Map<String, SpanRecord> byId = window.spans().stream().collect(Collectors.toMap(s -> s.traceId() + "/" + s.spanId(), Function.identity()));
        for (SpanRecord span : window.spans()) {
            assertTrue(span.service().startsWith("urn:k8s:svc:rca/"), span.service());
            if (span.operation().equals(ShopTelemetry.CHECKOUT)) {
                assertNull(span.parentSpanId(), "the front-end's span is the root");
            } else {
                SpanRecord parent = byId.get(span.traceId() + "/" + span.parentSpanId());
                assertEquals(span.operation().equals(ShopTelemetry.CHARGE) ? shop.telemetry.urn("orders") : shop.telemetry.urn("front-end"),
                        parent.service(), "the caller of " + span.operation());
            }
            assertEquals(span.startMicros() * 1000 >= shop.anomalyStart.toEpochMilli() * 1_000_000, span.error(), "failing from the anomaly on");
        }
        SpanRecord charge = window.spans().stream().filter(s -> s.operation().equals(ShopTelemetry.CHARGE)).findFirst().orElseThrow();
        assertEquals(18_000, charge.durationMicros());

        long split = window.evidenceSplitMillis();
        List<LogEvent> normal = window.logs().stream().filter(e -> e.timeMillis() < split).toList();
        List<LogEvent> anomalous = window.logs().stream().filter(e -> e.timeMillis() >= split).toList();
        assertEquals(NORMAL_MINUTES * PER_MINUTE, normal.size(), "a normal period of logs before the anomaly start");
        assertTrue(normal.stream().allMatch(e -> e.service().equals(shop.telemetry.urn("front-end")) && e.severity() == LogSeverity.INFO));
        List<LogEvent> errors = anomalous.stream().filter(e -> e.service().equals(shop.telemetry.urn("payment"))).toList();
        assertEquals((MINUTES - NORMAL_MINUTES) * PER_MINUTE, errors.size());
        assertTrue(errors.stream().allMatch(e -> e.severity() == LogSeverity.ERROR));
        assertEquals(1, errors.stream().map(e -> e.template().text()).distinct().count(), "one template: " + errors.get(0).template());
        assertTrue(errors.get(0).template().text().startsWith("charge of order "), errors.get(0).template().text());

        assertFalse(window.metricTypes().isEmpty(), "the metrics are loaded as before");
    }

    @Test
    void excludedTimeHoldsNoLogEventOrSpan() throws Exception {
        Shop shop = shop();
        NormalPeriod.TimeRange earlier = new NormalPeriod.TimeRange(shop.from.plus(5, ChronoUnit.MINUTES), shop.from.plus(10, ChronoUnit.MINUTES));
        DiagnosisWindowLoader loader = new DiagnosisWindowLoader(writer);
        DiagnosisWindow window = loader.load(shop.tenantId, SlowPaymentMetrics.FRONT_END, shop.from, shop.to, Optional.of(shop.anomalyStart),
                List.of(earlier), loader.version(shop.tenantId, shop.from, shop.to).orElseThrow()).orElseThrow().window();

        long from = earlier.from().toEpochMilli();
        long to = earlier.to().toEpochMilli();
        assertTrue(window.logs().stream().noneMatch(e -> e.timeMillis() >= from && e.timeMillis() < to));
        assertTrue(window.spans().stream().noneMatch(s -> s.startMicros() / 1000 >= from && s.startMicros() / 1000 < to));
        assertEquals((NORMAL_MINUTES - 5) * PER_MINUTE, window.logs().stream().filter(e -> e.timeMillis() < window.evidenceSplitMillis()).count(),
                "the other normal minutes' log events are kept");
        assertEquals(3 * (MINUTES - 5) * PER_MINUTE, window.spans().size());
    }

    @Test
    void aWindowOfLogsAndSpansAloneIsDiagnosable() throws Exception {
        String code = "telemetry" + ++tenants;
        long tenantId = tenant(code);
        Instant from = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(45, ChronoUnit.MINUTES);
        Instant anomalyStart = from.plus(NORMAL_MINUTES, ChronoUnit.MINUTES);
        ShopTelemetry telemetry = new ShopTelemetry(db, code);
        telemetry.push(tenantId, from, MINUTES, PER_MINUTE, anomalyStart);
        DiagnosisWindowLoader loader = new DiagnosisWindowLoader(writer);
        DiagnosisWindowLoader.Version version = loader.version(tenantId, from, from.plus(MINUTES, ChronoUnit.MINUTES)).orElseThrow();
        assertFalse(version.metrics());
        DiagnosisWindow window = loader.load(tenantId, telemetry.urn("front-end"), from, from.plus(MINUTES, ChronoUnit.MINUTES),
                Optional.of(anomalyStart), List.of(), version).orElseThrow().window();
        assertTrue(window.metricTypes().isEmpty());
        assertEquals(Set.of(telemetry.urn("front-end"), telemetry.urn("orders"), telemetry.urn("payment")), Set.copyOf(window.services()));
        assertEquals(from.getEpochSecond(), window.times()[0]);
        assertEquals(anomalyStart.toEpochMilli(), window.evidenceSplitMillis());
        assertEquals(3 * MINUTES * PER_MINUTE, window.spans().size());
        // Every method answers on it (the metric-only ones without metric evidence), none throws.
        for (String method : RootCauseMethods.names()) {
            assertEquals(3, RootCauseMethods.create(method, Map.of()).rank(window).ranking().size(), method);
        }
        assertTrue(loader.version(tenantId, from.minus(2, ChronoUnit.HOURS), from.minus(1, ChronoUnit.HOURS)).isEmpty(), "nothing stored then");

        // Panels read as the read-only role, which row-level security limits to the tenant its session names.
        try (HikariDataSource readerPool = DataSourceFactory.create(TestDatabase.shared().readerSettings(), "telemetry-reader")) {
            TenantReader readers = new TenantReader(ReadRouting.primaryOnly(readerPool), new Settings().withQueryTimeout(10));
            DiagnosisWindowLoader asTenant = loader.on(readers.forTenant(tenantId));
            DiagnosisWindow read = asTenant.load(tenantId, telemetry.urn("front-end"), from, from.plus(MINUTES, ChronoUnit.MINUTES),
                    Optional.of(anomalyStart)).orElseThrow().window();
            assertEquals(window.spans().size(), read.spans().size());
            assertEquals(window.logs(), read.logs());
            long otherTenant = tenant("telemetry-other" + tenants);
            assertTrue(loader.on(readers.forTenant(otherTenant)).load(tenantId, telemetry.urn("front-end"), from,
                    from.plus(MINUTES, ChronoUnit.MINUTES), Optional.of(anomalyStart)).isEmpty(), "nothing of the tenant as another one");
            assertTrue(loader.on(readers.forTenant(otherTenant)).load(tenantId, telemetry.urn("front-end"), from,
                    from.plus(MINUTES, ChronoUnit.MINUTES), Optional.of(anomalyStart), List.of(), version).isEmpty(),
                    "no log event or span of the tenant is read as another one, even given the tenant's id and version");
        }
    }

    @Test
    void overTheCapsWholeTracesAndEveryTemplateAreKeptTheSameWayEachTime() throws Exception {
        Shop shop = shop();
        int maxSpans = 100;
        int maxLogs = 30;
        DiagnosisWindowLoader capped = new DiagnosisWindowLoader(writer, MetricNameMapping.defaults(), DiagnosisWindowLoader.MAX_SAMPLES_DEFAULT,
                maxSpans, maxLogs);
        DiagnosisWindow window = load(capped, shop);

        List<SpanRecord> spans = window.spans();
        assertTrue(spans.size() <= maxSpans && spans.size() > maxSpans - 3, "whole traces up to the cap: " + spans.size());
        Map<String, Long> perTrace = spans.stream().collect(Collectors.groupingBy(SpanRecord::traceId, Collectors.counting()));
        assertTrue(perTrace.values().stream().allMatch(n -> n == 3), "a trace is kept whole or not at all: " + perTrace);
        long split = window.evidenceSplitMillis();
        assertTrue(spans.stream().anyMatch(s -> s.startMicros() / 1000 < split) && spans.stream().anyMatch(s -> s.startMicros() / 1000 >= split),
                "traces of both periods are kept");

        List<LogEvent> logs = window.logs();
        assertEquals(maxLogs, logs.size());
        assertEquals(Set.of(shop.telemetry.urn("front-end"), shop.telemetry.urn("payment")),
                logs.stream().map(LogEvent::service).collect(Collectors.toSet()), "every service's templates keep events");
        long payment = logs.stream().filter(e -> e.service().equals(shop.telemetry.urn("payment"))).count();
        // 120 front-end lines and 40 payment lines thinned by one share: 22 and 8, give or take the tie at the cut.
        assertTrue(payment >= 6 && payment <= 9, "thinned alike: " + payment + " of " + maxLogs);
        assertTrue(logs.stream().anyMatch(e -> e.timeMillis() < split), "normal lines are kept");

        DiagnosisWindow again = load(capped, shop);
        assertEquals(sorted(spans), sorted(again.spans()), "the same traces every time");
        assertEquals(window.logs(), again.logs(), "the same log events every time");
    }

    private static List<SpanRecord> sorted(List<SpanRecord> spans) {
        return spans.stream().sorted(Comparator.comparing(SpanRecord::traceId).thenComparing(SpanRecord::spanId)).toList();
    }

    /** A tenant with SlowPaymentMetrics' metrics and the shop's traces and logs over its last 30 minutes. */
    private record Shop(String code, long tenantId, ShopTelemetry telemetry, Instant from, Instant to, Instant anomalyStart) {
    }

    private static Shop shop() throws SQLException {
        String code = "rca" + ++tenants;
        SlowPaymentMetrics metrics = new SlowPaymentMetrics(db, code);
        // The services of the metrics (namespace rca).
        ShopTelemetry telemetry = new ShopTelemetry(db, "rca");
        Instant from = metrics.anomalyStart.minus(NORMAL_MINUTES, ChronoUnit.MINUTES);
        telemetry.push(metrics.tenantId, from, MINUTES, PER_MINUTE, metrics.anomalyStart);
        return new Shop(code, metrics.tenantId, telemetry, from, from.plus(MINUTES, ChronoUnit.MINUTES), metrics.anomalyStart);
    }

    private static DiagnosisWindow load(DiagnosisWindowLoader loader, Shop shop) {
        return loader.load(shop.tenantId, SlowPaymentMetrics.FRONT_END, shop.from, shop.to, Optional.of(shop.anomalyStart))
                .orElseThrow().window();
    }

    private static long tenant(String code) throws SQLException {
        return Long.parseLong(Rows.single(db, "INSERT INTO dim_tenant (code, name) VALUES ('" + code + "', 'T') RETURNING tenant_id"));
    }
}
