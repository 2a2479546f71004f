package io.rootscope.backend.etl.pushed;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rootscope.backend.etl.MutableClock;
import io.rootscope.backend.etl.TestTenant;
import io.rootscope.backend.etl.parse.ParseResult;
import io.rootscope.backend.etl.runtime.CircuitBreaker;
import io.rootscope.backend.etl.runtime.EtlMetrics;
import io.rootscope.backend.etl.runtime.EtlWindow;
import io.rootscope.backend.etl.runtime.JobRunStore;
import io.rootscope.backend.etl.runtime.LateBucketRunner;
import io.rootscope.backend.etl.runtime.RetryPolicy;
import io.rootscope.backend.etl.runtime.WindowRun;
import io.rootscope.backend.etl.runtime.WindowRunStatus;
import io.rootscope.backend.etl.runtime.WindowRunner;
import io.rootscope.backend.etl.runtime.WindowSchedule;
import io.rootscope.backend.etl.write.PushedSample;
import io.rootscope.backend.etl.write.PushedSeries;
import io.rootscope.backend.etl.write.ResourceResolver;
import io.rootscope.backend.ingest.TelemetryIngestor;
import io.rootscope.backend.testing.Rows;
import io.rootscope.backend.testing.TestDatabase;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntToDoubleFunction;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The derivation of AutoMAP metrics from pushed series, numbers worked out by hand: one five-minute window at 15 s
 * steps, rates over 60 s, samples every 10 s from a minute before it.
 */
class PushedMetricsJobTest {

    private static final Instant B = Instant.parse("2026-12-06T10:00:00Z");
    private static final Duration WINDOW = Duration.ofMinutes(5);
    private static final EtlWindow FIRST = new EtlWindow(B, B.plus(WINDOW));
    private static final int SAMPLES = 36; // B - 60 s .. B + 290 s

    private final DataSource db = TestDatabase.shared().dataSource();
    private final TelemetryIngestor ingestor = new TelemetryIngestor(db, new ResourceResolver(db), Optional.empty());
    private final WindowSchedule schedule = new WindowSchedule(WINDOW, Duration.ZERO, Duration.ZERO, 1);
    private final PushedMetricsJob job = new PushedMetricsJob(DerivationSettings.DEFAULTS, Duration.ofSeconds(15), "fallback", schedule,
            new ResourceResolver(db));

    /** 95, then at B - 50 s .. B: 100, 110, 130, 10 (a restart), 40, 70; then 30 more every 10 s. */
    private static double okCounter(int k) {
        double[] start = {95, 100, 110, 130, 10, 40, 70};
        return k < start.length ? start[k] : 70 + 30 * (k - 6);
    }

    @Test
    void derivesRatesRatiosHistogramMeansAndGaugesPerResource() throws SQLException {
        long tenant = TestTenant.create(db, "derive").id();
        stage(tenant, List.of(
                series("istio_requests_total", Map.of("reporter", "source", "destination_workload", "carts",
                        "destination_workload_namespace", "shop", "response_code", "200"), PushedMetricsJobTest::okCounter),
                series("istio_requests_total", Map.of("reporter", "source", "destination_workload", "carts",
                        "destination_workload_namespace", "shop", "response_code", "503"), k -> k),
                // The server's own view of the same calls is used only where no caller reports.
                series("istio_requests_total", Map.of("reporter", "destination", "destination_workload", "carts",
                        "destination_workload_namespace", "shop", "response_code", "200"), k -> 1000 * k),
                // OpenTelemetry's HTTP server histogram: 10 requests, 0.5 s in all, every 10 s; one in ten a 500.
                series("http_server_request_duration_seconds_sum", Map.of("service_name", "orders", "k8s_namespace_name", "shop",
                        "http_response_status_code", "200"), k -> 0.45 * k),
                series("http_server_request_duration_seconds_count", Map.of("service_name", "orders", "k8s_namespace_name", "shop",
                        "http_response_status_code", "200"), k -> 9 * k),
                series("http_server_request_duration_seconds_sum", Map.of("service_name", "orders", "k8s_namespace_name", "shop",
                        "http_response_status_code", "500"), k -> 0.05 * k),
                series("http_server_request_duration_seconds_count", Map.of("service_name", "orders", "k8s_namespace_name", "shop",
                        "http_response_status_code", "500"), k -> k),
                // Two pods of carts and a pause container; a container without a namespace is in the default one.
                series("container_memory_usage_bytes", Map.of("container", "carts", "namespace", "shop", "pod", "carts-1"), k -> 100),
                series("container_memory_usage_bytes", Map.of("container", "carts", "namespace", "shop", "pod", "carts-2"), k -> 200 + k),
                series("container_memory_usage_bytes", Map.of("container", "POD", "namespace", "shop", "pod", "carts-1"), k -> 1e9),
                series("container_memory_usage_bytes", Map.of("container", "cache"), k -> 7),
                // Matches host_cpu but names no host: rejected.
                series("node_cpu_seconds_total", Map.of("mode", "idle"), k -> k)));

        WindowRun run = runner().run(job, tenant, FIRST);

        assertEquals(WindowRunStatus.SUCCEEDED, run.status(), run.error());
        assertEquals(SAMPLES - 1, run.outcome().rowsRejected(), "the node series' samples up to the last step, B + 285 s");
        // At B: (10 + 20 + 10 + 30 + 30) / 50 s = 2.0 ok, 5 / 50 s = 0.1 failed.
        assertEquals(2.1, value(tenant, "urn:k8s:svc:shop/carts", "throughput", B), 1e-9);
        assertEquals(0.1 / 2.1, value(tenant, "urn:k8s:svc:shop/carts", "error_rate", B), 1e-9);
        assertEquals(1 - 0.1 / 2.1, value(tenant, "urn:k8s:svc:shop/carts", "availability", B), 1e-9);
        // At B + 60 s: samples B + 10 s .. B + 60 s, 30 per 10 s ok and 1 failed.
        assertEquals(3.1, value(tenant, "urn:k8s:svc:shop/carts", "throughput", B.plusSeconds(60)), 1e-9);
        // 0.5 s over 10 requests: 50 ms; 1 of 10 failed.
        assertEquals(50, value(tenant, "urn:k8s:svc:shop/orders", "latency", B.plusSeconds(30)), 1e-9);
        assertEquals(1.0, value(tenant, "urn:k8s:svc:shop/orders", "throughput", B.plusSeconds(30)), 1e-9);
        assertEquals(0.1, value(tenant, "urn:k8s:svc:shop/orders", "error_rate", B.plusSeconds(30)), 1e-9);
        // Gauges: the last sample at or before the step (k = 6 at B, k = 7 at B + 15 s), summed over the pods.
        assertEquals(100 + 206, value(tenant, "urn:k8s:svc:shop/carts", "memory", B), 1e-9);
        assertEquals(100 + 207, value(tenant, "urn:k8s:svc:shop/carts", "memory", B.plusSeconds(15)), 1e-9);
        assertEquals(7, value(tenant, "urn:k8s:svc:fallback/cache", "memory", B), 1e-9);
        assertEquals("20", Rows.single(db, "SELECT count(*) FROM metric_sample WHERE tenant_id = " + tenant
                + " AND metric = 'throughput' AND resource_id = (SELECT resource_id FROM dim_resource WHERE urn = 'urn:k8s:svc:shop/carts' AND tenant_id = " + tenant + ")"),
                "a point at every step of the window");
        assertEquals("postgres|metrics|20", Rows.single(db, """
                SELECT DISTINCT l.backend || '|' || l.dataset || '|' || sum(m.sample_count) OVER ()
                  FROM metric_1m m JOIN detail_locator l USING (locator_id)
                 WHERE m.metric = 'memory' AND m.tenant_id = %d AND m.resource_id = (SELECT resource_id FROM dim_resource
                       WHERE urn = 'urn:k8s:svc:shop/carts' AND tenant_id = %d)""".formatted(tenant, tenant)));

        String samples = "SELECT count(*) || ' ' || sum(value) FROM metric_sample WHERE tenant_id = " + tenant;
        String before = Rows.single(db, samples);
        WindowRun again = runner().replay(job, tenant, FIRST);
        assertEquals(WindowRunStatus.SUCCEEDED, again.status(), again.error());
        assertEquals(before, Rows.single(db, samples), "a window derived again adds no sample");
        // Only minute averages summed in another order may differ in their last bit (MetricMinuteRollup rewrites those).
        assertEquals(true, again.outcome().rowsWritten() < 10, again.outcome().toString());
    }

    @Test
    void aLateSampleDerivesItsBucketAgainAndTenantsStayApart() throws SQLException {
        long tenant = TestTenant.create(db, "derive-late").id();
        long other = TestTenant.create(db, "derive-other").id();
        Map<String, String> carts = Map.of("container", "carts", "namespace", "shop");
        stage(tenant, List.of(series("container_memory_usage_bytes", carts, k -> 1)));
        stage(other, List.of(series("container_memory_usage_bytes", carts, k -> 2)));
        assertEquals(WindowRunStatus.SUCCEEDED, runner().run(job, tenant, FIRST).status());
        // The other tenant's pushes reach no row of this tenant, and the reverse.
        assertEquals("0", Rows.single(db, "SELECT count(*) FROM metric_sample WHERE tenant_id = " + other));
        assertEquals("1", Rows.single(db, "SELECT string_agg(DISTINCT value::text, ',') FROM metric_sample WHERE tenant_id = " + tenant));

        // Samples of a workload arrive after the window was derived.
        stage(tenant, List.of(series("container_memory_usage_bytes", Map.of("container", "late", "namespace", "shop"), k -> 5)));
        List<WindowRun> late = new LateBucketRunner(db, new JobRunStore(db), new EtlMetrics(), 10).run(tenant, "pushed_sample", List.of(job));

        // Both buckets the late samples fell in: the window's, and the one before it (from B - 60 s).
        assertEquals(List.of(B.minus(WINDOW), B), late.stream().map(r -> r.window().from()).toList(), late.toString());
        assertEquals("20", Rows.single(db, "SELECT count(*) FROM metric_sample s JOIN dim_resource r USING (resource_id) WHERE s.tenant_id = "
                + tenant + " AND r.urn = 'urn:k8s:svc:shop/late' AND s.ts >= '" + B + "' AND s.ts < '" + FIRST.to() + "'"), "the late workload's points");
        assertEquals(5, value(tenant, "urn:k8s:svc:shop/late", "memory", B.plusSeconds(45)), 1e-9);
        assertEquals(5, value(tenant, "urn:k8s:svc:shop/late", "memory", B.minusSeconds(15)), 1e-9);
        assertEquals(1, value(tenant, "urn:k8s:svc:shop/carts", "memory", B.plusSeconds(45)), 1e-9);
        assertEquals("0", Rows.single(db, "SELECT count(*) FROM pending_bucket WHERE staged_table = 'pushed_sample' AND tenant_id = " + tenant
                + " AND bucket < '" + FIRST.to() + "'"));
    }

    @Test
    void aBucketPushedBeforeItsWindowRanIsDerivedByThatWindowOnly() throws SQLException {
        long tenant = TestTenant.create(db, "derive-once").id();
        stage(tenant, List.of(series("container_memory_usage_bytes", Map.of("container", "carts", "namespace", "shop"), k -> 1)));
        String notes = "SELECT string_agg(bucket::text, ',' ORDER BY bucket) FROM pending_bucket WHERE staged_table = 'pushed_sample' AND tenant_id = " + tenant;
        assertEquals(Rows.single(db, "SELECT '" + B.minus(WINDOW) + "'::timestamptz || ',' || '" + B + "'::timestamptz"), Rows.single(db, notes));

        assertEquals(WindowRunStatus.SUCCEEDED, runner().run(job, tenant, FIRST).status());

        // The window read its bucket's samples: only the bucket before it, which no window covered, is left to rerun.
        assertEquals(Rows.single(db, "SELECT '" + B.minus(WINDOW) + "'::timestamptz::text"), Rows.single(db, notes));
        List<WindowRun> late = new LateBucketRunner(db, new JobRunStore(db), new EtlMetrics(), 10).run(tenant, "pushed_sample", List.of(job));
        assertEquals(List.of(B.minus(WINDOW)), late.stream().map(r -> r.window().from()).toList(), late.toString());
    }

    private double value(long tenant, String urn, String metric, Instant at) throws SQLException {
        return Double.parseDouble(Rows.single(db, """
                SELECT value FROM metric_sample s JOIN dim_resource r USING (resource_id)
                 WHERE s.tenant_id = %d AND r.urn = '%s' AND s.metric = '%s' AND s.ts = '%s'""".formatted(tenant, urn, metric, at)));
    }

    private void stage(long tenant, List<PushedSeries> series) throws SQLException {
        TelemetryIngestor.Summary summary = ingestor.stageSeries(tenant, new ParseResult<>(series, List.of()));
        assertEquals(List.of(), summary.rejects());
    }

    /** Samples every 10 s from B - 60 s, the k-th valued {@code value(k)}. */
    private static PushedSeries series(String name, Map<String, String> labels, IntToDoubleFunction value) {
        List<PushedSample> samples = new ArrayList<>();
        for (int k = 0; k < SAMPLES; k++) {
            samples.add(new PushedSample(B.minusSeconds(60).plusSeconds(10L * k).toEpochMilli() * 1_000_000L, value.applyAsDouble(k)));
        }
        return new PushedSeries(name, labels, samples);
    }

    private WindowRunner runner() {
        return new WindowRunner(db, new JobRunStore(db), new CircuitBreaker(db), RetryPolicy.DEFAULT, new EtlMetrics(),
                new MutableClock(B.plus(Duration.ofHours(1))));
    }
}
