package io.rootscope.backend.etl.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rootscope.analytics.topology.Urn;
import com.zaxxer.hikari.HikariDataSource;
import io.rootscope.backend.db.DataSourceFactory;
import io.rootscope.backend.db.DatabaseSettings;
import io.rootscope.backend.db.replica.ReplicaLeases;
import io.rootscope.backend.etl.MutableClock;
import io.rootscope.backend.etl.TestTenant;
import io.rootscope.backend.etl.write.ObservedResource;
import io.rootscope.backend.etl.write.ResourceResolver;
import io.rootscope.backend.lifecycle.LifecycleScheduler;
import io.rootscope.backend.testing.Rows;
import io.rootscope.backend.testing.TcpProxy;
import io.rootscope.backend.testing.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The scheduler's DAG over a database of its own (its lifecycle step drops old chunks, which must not touch
 * other tests' rows): exactly-once windows, an outage that opens the circuit and loses nothing, metrics.
 */
class EtlSchedulerTest {

    private static TestDatabase database;
    private static DataSource db;

    @BeforeAll
    static void migrate() {
        database = TestDatabase.createMigrated();
        db = database.dataSource();
    }

    @AfterAll
    static void drop() {
        database.close();
    }

    @Test
    void runsEachWindowOnceInDagOrderAndSurvivesASourceOutage() throws SQLException {
        long tenant = TestTenant.create(db, "dag").id();
        long resource = new ResourceResolver(db).resolve(tenant, ObservedResource.service(Urn.k8sService("ns", "carts")));
        SampleWritingJob aggregate = new SampleWritingJob("aggregate", "database", JobStage.AGGREGATE, resource);
        SampleWritingJob ingest = new SampleWritingJob("ingest", "prometheus:test", JobStage.INGEST, resource);
        MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:30Z"));
        EtlMetrics metrics = new EtlMetrics();
        JobRunStore runs = new JobRunStore(db);
        WindowRunner runner = new WindowRunner(db, runs, new CircuitBreaker(db, 2, Duration.ofSeconds(60)),
                new RetryPolicy(Duration.ofSeconds(10), 2, Duration.ofSeconds(20), 5), metrics, clock);
        // Registered aggregation first: the DAG still runs ingestion first.
        JobRegistry registry = new JobRegistry(List.of(new ScheduledJob(aggregate, tenant), new ScheduledJob(ingest, tenant)));
        EtlScheduler scheduler = new EtlScheduler(db, registry, runs, runner, new ActiveCallGraphRefresher(),
                new LifecycleScheduler(db), metrics, clock,
                new ReplicaLeases(db, "dag", clock), Duration.ofSeconds(10));
        long nonNativeLifecycleJobs = Long.parseLong(Rows.single(db, "SELECT count(*) FROM lifecycle_job WHERE NOT native"));

        EtlTick first = scheduler.tick();
        assertEquals(List.of("ingest 09:57", "ingest 09:58", "ingest 09:59", "aggregate 09:57", "aggregate 09:58", "aggregate 09:59"),
                first.windows().stream().map(EtlSchedulerTest::label).toList());
        assertTrue(first.windows().stream().allMatch(w -> w.status() == WindowRunStatus.SUCCEEDED));
        assertEquals(Set.of(tenant), first.graph().keySet());
        assertEquals(nonNativeLifecycleJobs, first.lifecycle().size(), first.lifecycle().toString());

        assertEquals(List.of(), scheduler.tick().windows(), "nothing is due twice");
        assertEquals(3, ingest.runs.get());

        ingest.mode = SampleWritingJob.Mode.SOURCE_DOWN;
        clock.advance(Duration.ofMinutes(1)); // 10:01:30: window 10:00 is due
        assertEquals(List.of(WindowRunStatus.RETRY_SCHEDULED), statuses(scheduler.tick(), "ingest"));
        clock.advance(Duration.ofSeconds(10)); // the retry is due, fails again: the circuit opens
        assertEquals(List.of(WindowRunStatus.RETRY_SCHEDULED), statuses(scheduler.tick(), "ingest"));
        clock.advance(Duration.ofSeconds(20));
        assertEquals(List.of(WindowRunStatus.CIRCUIT_OPEN), statuses(scheduler.tick(), "ingest"));
        assertEquals(5, ingest.runs.get(), "an open circuit calls nothing");
        assertEquals(3, aggregate.runs.get(), "aggregation waits for the ingestion of its window");
        String window = " WHERE tenant_id = " + tenant + " AND metric = 'ingest' AND ts = '2026-11-22T10:00:00Z'";
        assertEquals("0", Rows.single(db, "SELECT count(*) FROM metric_sample" + window), "a failed attempt's writes roll back");
        assertEquals("retrying", Rows.single(db, "SELECT status FROM etl_job_run WHERE job = 'ingest' AND window_from = '2026-11-22T10:00:00Z' AND tenant_id = " + tenant));

        ingest.mode = SampleWritingJob.Mode.OK;
        clock.advance(Duration.ofSeconds(40)); // 10:02:40: cool-down over; windows 10:00 (retry) and 10:01 (new)
        EtlTick recovered = scheduler.tick();
        assertEquals(List.of("ingest 10:00", "ingest 10:01", "aggregate 10:00", "aggregate 10:01"),
                recovered.windows().stream().map(EtlSchedulerTest::label).toList());
        assertTrue(recovered.windows().stream().allMatch(w -> w.status() == WindowRunStatus.SUCCEEDED));
        assertEquals("1", Rows.single(db, "SELECT count(*) FROM metric_sample" + window));
        assertEquals("10", Rows.single(db, "SELECT count(*) FROM etl_job_run WHERE status = 'succeeded' AND tenant_id = " + tenant));

        String scrape = metrics.scrape();
        assertTrue(scrape.contains("rootscope_etl_rows_written_total{job=\"ingest\"} 5.0"), scrape);
        assertTrue(scrape.contains("rootscope_etl_failures_total{job=\"ingest\",kind=\"source\"} 2.0"), scrape);
        assertTrue(scrape.contains("rootscope_etl_circuit_open{source=\"prometheus:test\"} 0.0"), scrape);
        // 10:02:40 minus the end of the latest succeeded window, 10:02.
        assertTrue(scrape.contains("rootscope_etl_window_lag_seconds{job=\"ingest\",tenant=\"" + tenant + "\"} 40.0"), scrape);
    }

    @Test
    void aJobErrorIsRetriedUpToTheLimitThenLeftFailed() throws SQLException {
        long tenant = TestTenant.create(db, "dag").id();
        long resource = new ResourceResolver(db).resolve(tenant, ObservedResource.service(Urn.k8sService("ns", "orders")));
        SampleWritingJob broken = new SampleWritingJob("broken", "source-b", JobStage.INGEST, resource);
        broken.mode = SampleWritingJob.Mode.BROKEN;
        MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:30Z"));
        JobRunStore runs = new JobRunStore(db);
        WindowRunner runner = new WindowRunner(db, runs, new CircuitBreaker(db, 1, Duration.ofSeconds(60)),
                new RetryPolicy(Duration.ofSeconds(10), 1, Duration.ofSeconds(10), 2), new EtlMetrics(), clock);
        EtlWindow window = new EtlWindow(Instant.parse("2026-11-22T09:59:00Z"), Instant.parse("2026-11-22T10:00:00Z"));

        assertEquals(WindowRunStatus.RETRY_SCHEDULED, runner.run(broken, tenant, window).status());
        clock.advance(Duration.ofSeconds(10));
        WindowRun last = runner.run(broken, tenant, window);
        assertEquals(WindowRunStatus.FAILED, last.status());
        assertEquals("IllegalStateException: bug", last.error());
        assertEquals("closed", new CircuitBreaker(db).state("source-b").state(), "a job error is not held against the source");
        clock.advance(Duration.ofHours(1));
        assertEquals(WindowRunStatus.NOT_CLAIMED, runner.run(broken, tenant, window).status());
        assertEquals(2, broken.runs.get());
    }

    @Test
    void aWindowWhoseOutcomeTheDatabaseNeverReceivedIsRetriedOnceItIsBack() throws Exception {
        // A database of its own: its scheduler runs the lifecycle jobs, which the other tests count.
        try (TestDatabase own = TestDatabase.createMigrated()) {
            windowLostWithTheDatabaseIsRetried(own);
        }
    }

    private static void windowLostWithTheDatabaseIsRetried(TestDatabase database) throws Exception {
        DataSource db = database.dataSource();
        long tenant = TestTenant.create(db, "lost").id();
        long resource = new ResourceResolver(db).resolve(tenant, ObservedResource.service(Urn.k8sService("ns", "user")));
        URI server = URI.create(database.settings(TestDatabase.APP_ROLE, "rootscope").jdbcUrl().substring("jdbc:".length()));
        try (TcpProxy proxy = new TcpProxy(server.getPort());
             HikariDataSource pool = DataSourceFactory.create(new DatabaseSettings(database.settings(TestDatabase.APP_ROLE, "rootscope")
                     .jdbcUrl().replace(":" + server.getPort() + "/", ":" + proxy.port() + "/"), TestDatabase.APP_ROLE, "rootscope", 2), "lost")) {
            SampleWritingJob ingest = new SampleWritingJob("ingest", "prometheus:lost", JobStage.INGEST, resource);
            SampleWritingJob aggregate = new SampleWritingJob("aggregate", "database", JobStage.AGGREGATE, resource);
            MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:30Z"));
            JobRunStore runs = new JobRunStore(pool);
            WindowRunner runner = new WindowRunner(pool, runs, new CircuitBreaker(pool), RetryPolicy.DEFAULT, new EtlMetrics(), clock);
            EtlScheduler scheduler = new EtlScheduler(pool, new JobRegistry(List.of(new ScheduledJob(ingest, tenant),
                    new ScheduledJob(aggregate, tenant))), runs, runner, new ActiveCallGraphRefresher(), new LifecycleScheduler(pool),
                    new EtlMetrics(), clock, new ReplicaLeases(pool, "lost", clock), Duration.ofSeconds(10));
            scheduler.tick(); // windows 09:57-09:59

            // Window 10:00 is claimed, then the database goes away mid-window: neither its writes nor its failure arrive.
            ingest.mode = SampleWritingJob.Mode.DATABASE_LOST;
            ingest.databaseLoss = () -> {
                try {
                    proxy.cut();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            };
            clock.advance(Duration.ofMinutes(1));
            assertThrows(SQLException.class, scheduler::tick);
            String status = "SELECT status FROM etl_job_run WHERE job = 'ingest' AND window_from = '2026-11-22T10:00:00Z' AND tenant_id = " + tenant;
            assertEquals("running", Rows.single(db, status));

            ingest.mode = SampleWritingJob.Mode.OK;
            proxy.start();
            clock.advance(Duration.ofSeconds(5)); // far sooner than the 15 minutes after which a running window counts as stale
            EtlTick recovered = scheduler.tick();
            assertEquals(List.of("ingest 10:00", "aggregate 10:00"), recovered.windows().stream().map(EtlSchedulerTest::label).toList());
            assertTrue(recovered.windows().stream().allMatch(w -> w.status() == WindowRunStatus.SUCCEEDED), recovered.toString());
            assertEquals("succeeded", Rows.single(db, status));
            assertEquals("1", Rows.single(db, "SELECT count(*) FROM metric_sample WHERE tenant_id = " + tenant
                    + " AND metric = 'ingest' AND ts = '2026-11-22T10:00:00Z'"));
        }
    }

    private static List<WindowRunStatus> statuses(EtlTick tick, String job) {
        return tick.windows().stream().filter(w -> w.job().equals(job)).map(WindowRun::status).collect(Collectors.toList());
    }

    private static String label(WindowRun run) {
        return run.job() + " " + run.window().from().toString().substring(11, 16);
    }
}
