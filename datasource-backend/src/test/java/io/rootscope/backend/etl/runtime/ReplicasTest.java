package io.rootscope.backend.etl.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rootscope.analytics.topology.Urn;
import io.rootscope.backend.db.replica.ReplicaHeartbeat;
import io.rootscope.backend.db.replica.ReplicaLeases;
import io.rootscope.backend.db.replica.ReplicaSettings;
import io.rootscope.backend.etl.MutableClock;
import io.rootscope.backend.etl.TestTenant;
import io.rootscope.backend.etl.write.ObservedResource;
import io.rootscope.backend.etl.write.ResourceResolver;
import io.rootscope.backend.lifecycle.LifecycleScheduler;
import io.rootscope.backend.testing.Rows;
import io.rootscope.backend.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Three replicas' schedulers on one database (of its own: their lifecycle step drops old chunks), ticking at once: every
 * window, late bucket, graph refresh and lifecycle job runs once across them, and a replica that stops heartbeating has
 * its window taken over within the lease, after which it cannot commit it; no later window overtakes a held one.
 */
class ReplicasTest {

    private static final Duration HEARTBEAT = Duration.ofSeconds(5);
    private static final Duration LEASE = Duration.ofSeconds(15);
    private static final Duration TICK = Duration.ofSeconds(10);

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

    /** One replica: its heartbeat and scheduler. */
    private record Replica(ReplicaSettings settings, ReplicaHeartbeat heartbeat, JobRunStore runs, EtlScheduler scheduler) {
    }

    private static Replica replica(String id, MutableClock clock, JobRegistry jobs) {
        ReplicaSettings settings = new ReplicaSettings(id, HEARTBEAT, LEASE);
        JobRunStore runs = new JobRunStore(db, JobRunStore.STALE_AFTER_DEFAULT, settings);
        EtlMetrics metrics = new EtlMetrics();
        WindowRunner runner = new WindowRunner(db, runs, new CircuitBreaker(db), RetryPolicy.DEFAULT, metrics, clock);
        return new Replica(settings, new ReplicaHeartbeat(DSL.using(db, SQLDialect.POSTGRES), settings, clock), runs,
                new EtlScheduler(db, jobs, runs, runner, new ActiveCallGraphRefresher(), new LifecycleScheduler(db), metrics, clock,
                        new ReplicaLeases(db, id, clock), TICK));
    }

    @Test
    void threeReplicasTickingAtOnceRunEveryPieceOnce() throws Exception {
        long tenant = TestTenant.create(db, "replicas").id();
        long resource = new ResourceResolver(db).resolve(tenant, ObservedResource.service(Urn.k8sService("ns", "carts")));
        SampleWritingJob ingest = new SampleWritingJob("ingest", "prometheus:replicas", JobStage.INGEST, resource);
        SampleWritingJob aggregate = new SampleWritingJob("aggregate", "database", JobStage.AGGREGATE, resource);
        // Today: the lifecycle jobs ticking alongside drop chunks by the database's now(), and would drop older
        // samples' chunks under the windows' COPY ("could not open relation").
        MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MINUTES).plusSeconds(30));
        JobRegistry jobs = new JobRegistry(List.of(new ScheduledJob(ingest, tenant), new ScheduledJob(aggregate, tenant)));
        List<Replica> replicas = List.of(replica("a", clock, jobs), replica("b", clock, jobs), replica("c", clock, jobs));
        long lifecycleJobs = Long.parseLong(Rows.single(db, "SELECT count(*) FROM lifecycle_job WHERE NOT native"));
        Rows.execute(db, "UPDATE lifecycle_job SET last_run_at = NULL"); // due now, whatever the other tests' ticks ran
        ExecutorService threads = Executors.newFixedThreadPool(replicas.size());
        try {
            int graphRefreshes = 0;
            int lifecycleRuns = 0;
            int windowsRun = 0;
            for (int round = 0; round < 8; round++) {
                List<Callable<EtlTick>> ticks = new ArrayList<>();
                // Each round another replica's tick is submitted first: the first to start usually claims everything due,
                // and the same one first every round could do all the work.
                for (int i = 0; i < replicas.size(); i++) {
                    Replica replica = replicas.get((round + i) % replicas.size());
                    replica.heartbeat().beat();
                    ticks.add(replica.scheduler()::tick);
                }
                int roundRefreshes = 0;
                for (Future<EtlTick> done : threads.invokeAll(ticks)) {
                    EtlTick tick = done.get();
                    assertTrue(tick.windows().stream().allMatch(w -> w.status() == WindowRunStatus.SUCCEEDED
                            || w.status() == WindowRunStatus.NOT_CLAIMED), tick.windows().toString());
                    windowsRun += (int) tick.windows().stream().filter(w -> w.status() == WindowRunStatus.SUCCEEDED).count();
                    roundRefreshes += tick.graph().size();
                    lifecycleRuns += tick.lifecycle().size();
                }
                assertEquals(1, roundRefreshes, "the tenant's graph is refreshed once a period, by one replica");
                graphRefreshes += roundRefreshes;
                clock.advance(TICK.plus(Duration.ofSeconds(20)));
            }
            // Three windows at the start (the 3 minutes before), then one more every other round (30 s a round).
            int windows = 3 + 4;
            assertEquals(windows, ingest.runs.get(), "each ingest window ran once across the replicas");
            assertEquals(windows, aggregate.runs.get(), "each aggregation window ran once across the replicas");
            assertEquals(2 * windows, windowsRun);
            assertEquals(String.valueOf(2 * windows), Rows.single(db,
                    "SELECT count(*) FROM etl_job_run WHERE status = 'succeeded' AND attempts = 1 AND tenant_id = " + tenant));
            assertEquals(8, graphRefreshes);
            assertEquals(lifecycleJobs, lifecycleRuns, "each due lifecycle job ran once (their schedules are hours and days)");
            // A job's windows run in order, so whoever claims first in a round runs them: the work spreads by round and job.
            assertTrue(Integer.parseInt(Rows.single(db, "SELECT count(DISTINCT replica_id) FROM etl_job_run WHERE tenant_id = " + tenant)) >= 2,
                    "the work spread over the replicas");
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aReplicaThatStopsHeartbeatingLosesItsWindowWithinTheLeaseAndCannotCommitIt() throws SQLException {
        long tenant = TestTenant.create(db, "replicas").id();
        long resource = new ResourceResolver(db).resolve(tenant, ObservedResource.service(Urn.k8sService("ns", "orders")));
        SampleWritingJob ingest = new SampleWritingJob("ingest", "prometheus:takeover", JobStage.INGEST, resource);
        MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:30Z"));
        JobRegistry jobs = new JobRegistry(List.of(new ScheduledJob(ingest, tenant)));
        Replica dying = replica("dying", clock, jobs);
        Replica survivor = replica("survivor", clock, jobs);
        EtlWindow window = new EtlWindow(Instant.parse("2026-11-22T09:57:00Z"), Instant.parse("2026-11-22T09:58:00Z"));

        dying.heartbeat().beat();
        survivor.heartbeat().beat();
        // The dying replica claims the oldest window and goes silent mid-window (its last heartbeat: now).
        JobRunClaim lost = dying.runs().claim("ingest", tenant, window, clock.instant()).orElseThrow();
        for (int second = 5; second <= 15; second += 5) {
            clock.advance(HEARTBEAT);
            survivor.heartbeat().beat();
            List<WindowRun> ran = survivor.scheduler().tick().windows();
            assertTrue(ran.stream().noneMatch(w -> w.status() == WindowRunStatus.SUCCEEDED),
                    "held while the holder's heartbeat is within the lease, and no later window overtakes it, " + second + " s: " + ran);
        }
        clock.advance(Duration.ofSeconds(1)); // 16 s since the dying replica's last heartbeat
        survivor.heartbeat().beat();
        List<WindowRun> takeover = survivor.scheduler().tick().windows();
        assertEquals(window, takeover.get(0).window(), "the taken-over window runs first: " + takeover);
        assertTrue(takeover.stream().allMatch(w -> w.status() == WindowRunStatus.SUCCEEDED), takeover.toString());
        String row = "SELECT replica_id || '|' || attempts || '|' || status FROM etl_job_run WHERE job = 'ingest' AND window_from = '"
                + window.from() + "' AND tenant_id = " + tenant;
        assertEquals("survivor|2|succeeded", Rows.single(db, row));

        // The dying replica comes back and finishes its attempt: fenced, it records nothing.
        dying.heartbeat().beat();
        try (Connection connection = db.getConnection()) {
            assertFalse(dying.runs().markSucceeded(connection, lost, new JobOutcome(1, 0), clock.instant()));
        }
        dying.runs().markFailed(lost, "late", null, clock.instant());
        assertEquals("survivor|2|succeeded", Rows.single(db, row));
        assertEquals("1", Rows.single(db, "SELECT count(*) FROM metric_sample WHERE metric = 'ingest' AND ts = '" + window.from()
                + "' AND tenant_id = " + tenant));
    }

    @Test
    void aClaimOfAReplicaThatClosedIsFreeAtOnce() throws SQLException {
        long tenant = TestTenant.create(db, "replicas").id();
        MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:30Z"));
        JobRegistry jobs = new JobRegistry(List.of());
        Replica stopping = replica("stopping", clock, jobs);
        Replica other = replica("other", clock, jobs);
        EtlWindow window = new EtlWindow(Instant.parse("2026-11-22T09:57:00Z"), Instant.parse("2026-11-22T09:58:00Z"));
        stopping.heartbeat().start();
        other.heartbeat().beat();
        stopping.runs().claim("job", tenant, window, clock.instant()).orElseThrow();
        assertTrue(other.runs().claim("job", tenant, window, clock.instant()).isEmpty(), "held by a live replica");
        stopping.heartbeat().close();
        assertEquals(2, other.runs().claim("job", tenant, window, clock.instant()).orElseThrow().attempts(),
                "a replica that shut down has no heartbeat row: its window is free without waiting for the lease");
    }
}
