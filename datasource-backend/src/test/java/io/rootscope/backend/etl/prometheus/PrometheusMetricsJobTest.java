package io.rootscope.backend.etl.prometheus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rootscope.backend.etl.MutableClock;
import io.rootscope.backend.etl.TestTenant;
import io.rootscope.backend.etl.runtime.CircuitBreaker;
import io.rootscope.backend.etl.runtime.EtlMetrics;
import io.rootscope.backend.etl.runtime.EtlWindow;
import io.rootscope.backend.etl.runtime.JobRunStore;
import io.rootscope.backend.etl.runtime.RetryPolicy;
import io.rootscope.backend.etl.runtime.WindowRun;
import io.rootscope.backend.etl.runtime.WindowRunStatus;
import io.rootscope.backend.etl.runtime.WindowRunner;
import io.rootscope.backend.etl.runtime.WindowSchedule;
import io.rootscope.backend.etl.write.ResourceResolver;
import io.rootscope.backend.testing.Rows;
import io.rootscope.backend.testing.TestDatabase;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Prometheus job against a real Prometheus scraping the test exporter every second. */
class PrometheusMetricsJobTest {

    private static final Duration WINDOW = Duration.ofSeconds(5);
    private static final Duration RATE_RANGE = Duration.ofSeconds(3);
    private static PrometheusServer prometheus;
    private static EtlWindow window;
    private final DataSource db = TestDatabase.shared().dataSource();

    /** A window whose every point has a full rate range of scrapes behind it, once it has been scraped. */
    @BeforeAll
    static void awaitAScrapedWindow() throws IOException, InterruptedException {
        prometheus = PrometheusServer.shared();
        WindowSchedule grid = new WindowSchedule(WINDOW, Duration.ZERO, Duration.ZERO, 1);
        Instant earliest = prometheus.scrapingSince().plus(RATE_RANGE).plusSeconds(1);
        Instant from = grid.alignDown(earliest.plus(WINDOW).minusMillis(1)); // the first window start at or after it
        window = new EtlWindow(from, from.plus(WINDOW));
        PrometheusServer.awaitScrapedUntil(window.to());
    }

    @Test
    void writesSamplesMinuteAggregatesAndLocatorsWithTheExportedValues() throws SQLException {
        TestTenant tenant = TestTenant.create(db, "prom");
        MutableClock clock = new MutableClock(Instant.now());
        PrometheusMetricsJob job = job("prometheus-metrics", new PrometheusClient(prometheus.url()));
        String memoryQuery = PromQueryTemplates.DEFAULTS.stream().filter(q -> q.metric().equals("memory")).findFirst().orElseThrow().promql();
        WindowRunner runner = runner(clock, 3);

        WindowRun run = runner.run(job, tenant.id(), window);

        assertEquals(WindowRunStatus.SUCCEEDED, run.status(), run.error());
        String carts = "urn:k8s:svc:sock-shop/carts";
        assertSamples(tenant, carts, "throughput", TestExporter.OK_RPS + TestExporter.ERROR_RPS);
        assertSamples(tenant, carts, "latency", TestExporter.LATENCY_MS);
        assertSamples(tenant, carts, "availability", TestExporter.OK_RPS / (TestExporter.OK_RPS + TestExporter.ERROR_RPS));
        assertSamples(tenant, carts, "congestion", (TestExporter.OK_RPS + TestExporter.ERROR_RPS) / TestExporter.LATENCY_MS);
        assertSamples(tenant, carts, "cpu", TestExporter.CPU_CORES); // the pause container is left out
        assertSamples(tenant, carts, "io_read", TestExporter.READ_BPS);
        assertSamples(tenant, carts, "io_write", TestExporter.WRITE_BPS);
        assertSamples(tenant, carts, "memory", TestExporter.MEMORY_BYTES);
        assertSamples(tenant, carts, "rtt", TestExporter.PING_RTT_SECONDS); // the probe's target names the service
        assertSamples(tenant, carts, "packet_loss", TestExporter.PING_LOSS);
        assertSamples(tenant, "urn:host:127.0.0.1", "host_cpu", 0.25);
        assertSamples(tenant, "urn:host:127.0.0.1", "host_memory", 0.25);
        assertEquals(List.of("urn:host:127.0.0.1|host", carts + "|service"),
                Rows.column(db, "SELECT urn || '|' || type FROM dim_resource WHERE tenant_id = " + tenant.id() + " ORDER BY urn"));

        // Minute aggregates of the window's points, pointing at the PromQL that fetches them.
        long memory = (long) TestExporter.MEMORY_BYTES;
        assertEquals("5|" + memory + "|" + memory + "|" + memory,
                Rows.single(db, "SELECT sum(sample_count) || '|' || min(avg_val) || '|' || max(max_val) || '|' || max(p95_val) FROM metric_1m"
                        + " WHERE metric = 'memory' AND tenant_id = " + tenant.id()));
        assertEquals("prometheus|metrics|" + memoryQuery + "|" + window.from() + "|" + window.to(), Rows.single(db,
                "SELECT DISTINCT l.backend || '|' || l.dataset || '|' || l.query || '|' || to_char(l.t_from AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
                        + " || '|' || to_char(l.t_to AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
                        + " FROM metric_1m m JOIN detail_locator l USING (locator_id) WHERE m.metric = 'memory' AND m.tenant_id = " + tenant.id()));

        // A replay of the same window changes nothing.
        WindowRun replay = runner.replay(job, tenant.id(), window);
        assertEquals(WindowRunStatus.SUCCEEDED, replay.status(), replay.error());
        assertEquals(0, replay.outcome().rowsWritten());
        assertEquals(run.outcome().rowsRejected(), replay.outcome().rowsRejected());
    }

    @Test
    void anOutageOpensTheCircuitLosesNothingAndTheWindowSucceedsOnceItIsBack() throws SQLException, IOException, InterruptedException {
        TestTenant tenant = TestTenant.create(db, "prom-outage");
        MutableClock clock = new MutableClock(Instant.now());
        PrometheusMetricsJob job = job("prometheus-outage", new PrometheusClient(prometheus.url(), Duration.ofSeconds(5)));
        WindowRunner runner = runner(clock, 2);
        CircuitBreaker circuits = new CircuitBreaker(db);

        prometheus.stop();
        try {
            WindowRun refused = runner.run(job, tenant.id(), window);
            assertEquals(WindowRunStatus.RETRY_SCHEDULED, refused.status());
            assertTrue(refused.error().contains("unreachable"), refused.error());
            clock.advance(Duration.ofSeconds(2));
            assertEquals(WindowRunStatus.RETRY_SCHEDULED, runner.run(job, tenant.id(), window).status());
            assertEquals("open", circuits.state(job.source()).state());
            clock.advance(Duration.ofSeconds(2));
            assertEquals(WindowRunStatus.CIRCUIT_OPEN, runner.run(job, tenant.id(), window).status());
            assertEquals("retrying|0", Rows.single(db, "SELECT status || '|' || (SELECT count(*) FROM metric_sample WHERE tenant_id = "
                    + tenant.id() + ") FROM etl_job_run WHERE job = 'prometheus-outage' AND tenant_id = " + tenant.id()));
        } finally {
            prometheus.start();
        }

        clock.advance(Duration.ofSeconds(30)); // past the cool-down: one trial goes through
        WindowRun recovered = runner.run(job, tenant.id(), window);
        assertEquals(WindowRunStatus.SUCCEEDED, recovered.status(), recovered.error());
        assertEquals("closed", circuits.state(job.source()).state());
        assertEquals("5", Rows.single(db, "SELECT count(*) FROM metric_sample WHERE metric = 'memory' AND tenant_id = " + tenant.id()));
    }

    /**
     * The default templates with their rate ranges cut from 1m to 3s: a 1m rate is only right after a minute of
     * scrapes (Prometheus extrapolates a range only up to half a scrape interval past its first sample), and a
     * test should not wait that long.
     */
    private PrometheusMetricsJob job(String name, PrometheusClient client) {
        PrometheusJobConfig config = new PrometheusJobConfig(name, Duration.ofSeconds(1), "default",
                PromQueryTemplates.defaults(RATE_RANGE), new WindowSchedule(WINDOW, Duration.ofSeconds(2), Duration.ZERO, 10));
        return new PrometheusMetricsJob(config, client, new ResourceResolver(db));
    }

    private WindowRunner runner(MutableClock clock, int failureThreshold) {
        return new WindowRunner(db, new JobRunStore(db), new CircuitBreaker(db, failureThreshold, Duration.ofSeconds(30)),
                new RetryPolicy(Duration.ofSeconds(1), 2, Duration.ofSeconds(2), 5), new EtlMetrics(), clock);
    }

    /** One point per second of the window, each the exported rate (up to floating-point rounding). */
    private void assertSamples(TestTenant tenant, String urn, String metric, double expected) throws SQLException {
        List<String> values = Rows.column(db, "SELECT s.value FROM metric_sample s JOIN dim_resource r USING (resource_id)"
                + " WHERE s.tenant_id = " + tenant.id() + " AND r.urn = '" + urn + "' AND s.metric = '" + metric + "' ORDER BY s.ts");
        assertEquals(5, values.size(), metric + ": " + values);
        for (String value : values) {
            assertEquals(expected, Double.parseDouble(value), Math.abs(expected) * 1e-6, metric + ": " + values);
        }
    }
}
