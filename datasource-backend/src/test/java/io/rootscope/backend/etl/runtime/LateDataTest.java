package io.rootscope.backend.etl.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rootscope.backend.db.replica.ReplicaLeases;
import io.rootscope.backend.etl.MutableClock;
import io.rootscope.backend.etl.TestTenant;
import io.rootscope.backend.etl.aggregate.StagedTelemetryJob;
import io.rootscope.backend.etl.aggregate.TraceTopologyJob;
import io.rootscope.backend.etl.topology.TopologySnapshotApplier;
import io.rootscope.backend.etl.write.ResourceResolver;
import io.rootscope.backend.ingest.LatenessBounds;
import io.rootscope.backend.ingest.TelemetryIngestor;
import io.rootscope.backend.lifecycle.LifecycleScheduler;
import io.rootscope.backend.testing.OtlpBodies;
import io.rootscope.backend.testing.Rows;
import io.rootscope.backend.testing.TestDatabase;
import java.io.ByteArrayInputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Late pushed telemetry on a database of its own (the scheduler's lifecycle step drops old chunks): records 5 to 59
 * minutes late reach the five-minute tables exactly once after the next tick, even with two schedulers or a crash
 * between claim and commit; records beyond the horizon are rejected and nothing of them is staged.
 */
@Timeout(120)
class LateDataTest {

    private static final Instant NOW = Instant.parse("2026-11-22T12:00:30Z");
    private static final Duration HORIZON = Duration.ofMinutes(60);
    private static final String NS = "shop";

    private static TestDatabase database;
    private static DataSource db;

    private final MutableClock clock = new MutableClock(NOW);
    private final TelemetryIngestor ingestor = new TelemetryIngestor(db, new ResourceResolver(db),
            Optional.of(new LatenessBounds(HORIZON, clock)));

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
    void logsAndSpansPushedAfterTheirWindowsRanAreCountedOnceAtTheNextTick() throws Exception {
        long tenant = TestTenant.create(db, "late").id();
        JobRegistry jobs = registry(tenant);
        EtlScheduler scheduler = scheduler(jobs);
        List<Instant> times = List.of(NOW.minus(Duration.ofMinutes(5)), NOW.minus(Duration.ofMinutes(30)), NOW.minus(Duration.ofMinutes(59)));
        for (Instant at : times) {
            push(tenant, at, 2);
        }
        assertTrue(scheduler.tick().windows().size() >= 2 * 60, "the windows of the last hour ran");
        for (Instant at : times) {
            assertEquals(2, calls(tenant, at));
            assertEquals(2, logs(tenant, at));
        }

        for (int i = 0; i < times.size(); i++) {
            TelemetryIngestor.Summary traces = ingestor.ingestTraces(tenant, new ByteArrayInputStream(OtlpBodies.calls(NS, "front-end", "carts", times.get(i), 3 + i)));
            assertEquals(List.of(), traces.rejects());
            assertEquals(3 + i, traces.staged());
            assertEquals(List.of(), ingestor.ingestLogs(tenant, new ByteArrayInputStream(OtlpBodies.logs(NS, "carts", times.get(i), 3 + i))).rejects());
        }
        assertEquals(2, calls(tenant, times.get(0)), "a closed bucket waits for the next tick");

        EtlTick tick = scheduler.tick();
        assertEquals(List.of(), tick.windows(), "no window is due again");
        assertEquals(6, tick.late().size(), "each late bucket once per job: " + tick.late());
        assertTrue(tick.late().stream().allMatch(run -> run.status() == WindowRunStatus.SUCCEEDED), tick.late().toString());
        for (int i = 0; i < times.size(); i++) {
            assertEquals(2 + 3 + i, calls(tenant, times.get(i)), "calls " + times.get(i));
            assertEquals(2 + 3 + i, logs(tenant, times.get(i)), "logs " + times.get(i));
        }
        assertEquals(5.0 / 300, Double.parseDouble(Rows.single(db, "SELECT rps FROM service_call_5m WHERE tenant_id = " + tenant
                + " AND bucket = '" + bucket(times.get(0)) + "'")), 1e-9, "a closed bucket's rate is over its five minutes");

        List<String> before = tables(tenant);
        assertEquals(List.of(), scheduler.tick().late(), "a second tick recomputes nothing");
        assertEquals(before, tables(tenant));
        assertEquals("0", Rows.single(db, "SELECT count(*) FROM pending_bucket WHERE tenant_id = " + tenant));
    }

    @Test
    void recordsBeyondTheHorizonOrTooFarAheadAreRejectedAndNothingOfThemIsStaged() throws Exception {
        long tenant = TestTenant.create(db, "horizon").id();
        Instant tooOld = NOW.minus(HORIZON).minusSeconds(1);
        Instant tooNew = NOW.plus(LatenessBounds.FUTURE_TOLERANCE).plusSeconds(1);
        Instant onTime = NOW.minus(HORIZON);

        TelemetryIngestor.Summary old = ingestor.ingestLogs(tenant, new ByteArrayInputStream(OtlpBodies.logs(NS, "carts", tooOld, 2)));
        assertEquals(0, old.accepted());
        assertEquals(0, old.staged());
        assertEquals(2, old.rejects().size());
        assertEquals("log of carts at " + tooOld, old.rejects().get(0).location());
        assertEquals("60 minutes old, beyond the lateness horizon of 60 minutes", old.rejects().get(0).problem());

        TelemetryIngestor.Summary future = ingestor.ingestTraces(tenant, new ByteArrayInputStream(OtlpBodies.calls(NS, "front-end", "carts", tooNew, 1)));
        assertEquals(0, future.accepted());
        assertEquals(2, future.rejects().size(), "both spans of the call: " + future.rejects());
        assertTrue(future.rejects().get(0).problem().startsWith("more than 10 minutes ahead of the server's clock"), future.rejects().toString());

        TelemetryIngestor.Summary edge = ingestor.ingestTraces(tenant, new ByteArrayInputStream(OtlpBodies.calls(NS, "front-end", "carts", onTime, 1)));
        assertEquals(List.of(), edge.rejects(), "exactly the horizon old is still taken");
        assertEquals(1, edge.staged());

        assertEquals("0", Rows.single(db, "SELECT count(*) FROM log_event WHERE tenant_id = " + tenant));
        assertEquals("1", Rows.single(db, "SELECT count(*) FROM span_call WHERE tenant_id = " + tenant));
        assertEquals(List.of("t"), Rows.column(db, "SELECT bucket = '" + bucket(onTime) + "' FROM pending_bucket WHERE tenant_id = " + tenant),
                "the accepted call's bucket is noted, nothing else");
    }

    @Test
    void twoSchedulersOnOneDatabaseRecomputeEachLateBucketOnce() throws Exception {
        long tenant = TestTenant.create(db, "two").id();
        JobRegistry jobs = registry(tenant);
        EtlScheduler first = scheduler(jobs);
        EtlScheduler second = scheduler(jobs);
        first.tick();
        List<Instant> times = new ArrayList<>();
        for (int minutes = 5; minutes < 60; minutes += 5) {
            Instant at = NOW.minus(Duration.ofMinutes(minutes));
            times.add(at);
            push(tenant, at, minutes);
        }

        // A note held by another transaction (a push in flight, another scheduler) is skipped, not waited for.
        try (Connection holder = db.getConnection()) {
            holder.setAutoCommit(false);
            assertEquals(times.size(), new PendingBucketStore().claim(holder, tenant, "span_call", NOW, 100).size());
            EtlTick whileHeld = second.tick();
            assertEquals(times.size(), whileHeld.late().size(), "only the log buckets: " + whileHeld.late());
            assertTrue(whileHeld.late().stream().allMatch(run -> run.job().equals("log_patterns_5m")));
            holder.rollback();
        }

        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<EtlTick>> ticks = new ArrayList<>();
            for (EtlScheduler scheduler : List.of(first, second)) {
                Callable<EtlTick> tick = () -> {
                    start.await();
                    return scheduler.tick();
                };
                ticks.add(threads.submit(tick));
            }
            start.countDown();
            int late = 0;
            for (Future<EtlTick> tick : ticks) {
                late += tick.get().late().size();
            }
            assertEquals(times.size(), late, "each call bucket recomputed by one of the two");
        } finally {
            threads.shutdownNow();
        }
        for (Instant at : times) {
            long minutes = Duration.between(at, NOW).toMinutes();
            assertEquals(minutes, calls(tenant, at), "calls " + at);
            assertEquals(minutes, logs(tenant, at), "logs " + at);
        }
    }

    @Test
    void aWindowRunWhileAPushIsInFlightWaitsForItAndCountsItsRows() throws Exception {
        long tenant = TestTenant.create(db, "race").id();
        JobRegistry jobs = registry(tenant);
        EtlScheduler scheduler = scheduler(jobs);
        Instant at = NOW.minus(Duration.ofMinutes(20));
        scheduler.tick();
        push(tenant, at, 2); // late: its note stays until the next tick

        long carts = Long.parseLong(Rows.single(db, "SELECT resource_id FROM dim_resource WHERE urn = 'urn:k8s:svc:shop/carts' AND tenant_id = " + tenant));
        StagedTelemetryJob calls = (StagedTelemetryJob) jobs.find("trace_calls_5m", tenant).orElseThrow().job();
        WindowRunner runner = new WindowRunner(db, new JobRunStore(db), new CircuitBreaker(db), RetryPolicy.DEFAULT, new EtlMetrics(), clock);
        EtlWindow bucket = new EtlWindow(Instant.parse(bucket(at)), Instant.parse(bucket(at)).plus(StagedBucketJob.BUCKET));
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try (Connection push = db.getConnection()) {
            // A push in flight: its row staged and its note upserted, not committed yet.
            push.setAutoCommit(false);
            try (Statement insert = push.createStatement()) {
                insert.execute("INSERT INTO span_call (ts, tenant_id, src_resource_id, dst_resource_id, duration_ms, error) VALUES ('"
                        + at + "', " + tenant + ", " + carts + ", " + carts + ", 5, false)");
            }
            new PendingBucketStore().note(push, tenant, "span_call", List.of(at));
            Future<WindowRun> replay = thread.submit(() -> runner.replay(calls, tenant, bucket));
            Thread.sleep(500);
            assertTrue(!replay.isDone(), "the run waits for the push holding the bucket's note");
            push.commit();
            assertEquals(WindowRunStatus.SUCCEEDED, replay.get().status());
        } finally {
            thread.shutdownNow();
        }
        assertEquals(3, calls(tenant, at), "the run read the push's row once it committed");
        assertEquals("0", Rows.single(db, "SELECT count(*) FROM pending_bucket WHERE staged_table = 'span_call' AND tenant_id = " + tenant));
    }

    @Test
    void aCrashBetweenClaimAndCommitLeavesTheBucketForTheNextTick() throws Exception {
        long tenant = TestTenant.create(db, "crash").id();
        JobRegistry jobs = registry(tenant);
        EtlScheduler scheduler = scheduler(jobs);
        Instant at = NOW.minus(Duration.ofMinutes(30));
        push(tenant, at, 2);
        scheduler.tick();
        push(tenant, at, 4);

        StagedBucketJob calls = (StagedBucketJob) jobs.find("trace_calls_5m", tenant).orElseThrow().job();
        LateBucketRunner runner = new LateBucketRunner(db, new JobRunStore(db), new EtlMetrics(), 10);
        // The bucket is claimed and recomputed, then the process dies before its commit: its connection is gone.
        assertThrows(SQLException.class, () -> runner.run(tenant, "span_call", List.of(new CrashingAfterRun(calls))));
        assertEquals(2, calls(tenant, at), "nothing of the crashed transaction stayed");
        assertEquals("1", Rows.single(db, "SELECT count(*) FROM pending_bucket WHERE staged_table = 'span_call' AND tenant_id = " + tenant));

        EtlTick retried = scheduler.tick();
        assertEquals(2, retried.late().size(), retried.late().toString());
        assertEquals(6, calls(tenant, at));
        assertEquals(6, logs(tenant, at));
        assertEquals(List.of(), scheduler.tick().late());
    }

    @Test
    void aCallPairSeenOnlyInLateSpansJoinsTheCallHistoryAsIfOnTime() throws Exception {
        long tenant = TestTenant.create(db, "history").id();
        WindowSchedule schedule = schedule();
        JobRegistry jobs = new JobRegistry(List.of(new ScheduledJob(StagedTelemetryJob.traceCalls(schedule), tenant),
                new ScheduledJob(new TraceTopologyJob(new TopologySnapshotApplier(new ResourceResolver(db)), schedule, Duration.ofMinutes(10)), tenant)));
        EtlScheduler scheduler = scheduler(jobs);
        push(tenant, NOW.minus(Duration.ofMinutes(30)), 1);
        scheduler.tick();
        assertEquals(List.of("front-end carts 11:31:00 11:41:00"), history(tenant));
        String revision = callsRevision(tenant);

        // 11:20:30 was seen by the snapshots 11:21 to 11:30; 11:55:30 by 11:56 to 12:00 so far, and by those to come.
        ingestor.ingestTraces(tenant, new ByteArrayInputStream(OtlpBodies.calls(NS, "orders", "payment", NOW.minus(Duration.ofMinutes(40)), 2)));
        ingestor.ingestTraces(tenant, new ByteArrayInputStream(OtlpBodies.calls(NS, "shipping", "carts", NOW.minus(Duration.ofMinutes(5)), 1)));
        push(tenant, NOW.minus(Duration.ofMinutes(30)), 1);
        EtlTick tick = scheduler.tick();
        assertEquals(6, tick.late().size(), "three buckets, two jobs: " + tick.late());
        assertEquals(List.of("front-end carts 11:31:00 11:41:00", "orders payment 11:21:00 11:31:00", "shipping carts 11:56:00 open"),
                history(tenant));
        assertTrue(!revision.equals(callsRevision(tenant)), "stored diagnoses and the topology cache see the change");
        revision = callsRevision(tenant);
        assertEquals(List.of(), scheduler.tick().late());
        assertEquals(revision, callsRevision(tenant));

        clock.advance(Duration.ofMinutes(10));
        scheduler.tick();
        assertEquals(List.of("front-end carts 11:31:00 11:41:00", "orders payment 11:21:00 11:31:00", "shipping carts 11:56:00 12:06:00"),
                history(tenant), "the next snapshots close the late pair as they would have on time");
    }

    private static List<String> history(long tenant) throws SQLException {
        return Rows.column(db, """
                SELECT concat_ws(' ', split_part(s.urn, '/', 2), split_part(d.urn, '/', 2), to_char(lower(e.valid) AT TIME ZONE 'UTC', 'HH24:MI:SS'),
                                 coalesce(to_char(upper(e.valid) AT TIME ZONE 'UTC', 'HH24:MI:SS'), 'open'))
                  FROM topo_edge_time e JOIN dim_resource s ON s.resource_id = e.src_resource_id JOIN dim_resource d ON d.resource_id = e.dst_resource_id
                 WHERE e.tenant_id = %d AND e.relation = 'CALLS' ORDER BY 1""".formatted(tenant));
    }

    private static String callsRevision(long tenant) throws SQLException {
        return Rows.single(db, "SELECT revision FROM topology_revision WHERE relation = 'CALLS' AND tenant_id = " + tenant);
    }

    /** The real job, then its connection's server process killed, as when the backend dies before committing. */
    private record CrashingAfterRun(StagedBucketJob job) implements StagedBucketJob {

        @Override
        public String name() {
            return job.name();
        }

        @Override
        public String source() {
            return job.source();
        }

        @Override
        public JobStage stage() {
            return job.stage();
        }

        @Override
        public WindowSchedule schedule() {
            return job.schedule();
        }

        @Override
        public String stagedTable() {
            return job.stagedTable();
        }

        @Override
        public JobOutcome run(JobContext context) throws SourceUnavailableException, SQLException {
            JobOutcome outcome = job.run(context);
            try (Statement kill = context.connection().createStatement()) {
                kill.execute("SELECT pg_terminate_backend(pg_backend_pid())");
            }
            return outcome;
        }
    }

    private void push(long tenant, Instant at, int count) throws Exception {
        assertEquals(count, ingestor.ingestTraces(tenant, new ByteArrayInputStream(OtlpBodies.calls(NS, "front-end", "carts", at, count))).staged());
        assertEquals(count, ingestor.ingestLogs(tenant, new ByteArrayInputStream(OtlpBodies.logs(NS, "carts", at, count))).staged());
    }

    private static WindowSchedule schedule() {
        return new WindowSchedule(Duration.ofMinutes(1), Duration.ZERO, Duration.ofMinutes(90), 200);
    }

    private JobRegistry registry(long tenant) {
        WindowSchedule schedule = schedule();
        return new JobRegistry(List.of(new ScheduledJob(StagedTelemetryJob.traceCalls(schedule), tenant),
                new ScheduledJob(StagedTelemetryJob.logPatternCounts(schedule), tenant)));
    }

    private EtlScheduler scheduler(JobRegistry jobs) {
        EtlMetrics metrics = new EtlMetrics();
        JobRunStore runs = new JobRunStore(db);
        WindowRunner runner = new WindowRunner(db, runs, new CircuitBreaker(db), RetryPolicy.DEFAULT, metrics, clock);
        return new EtlScheduler(db, jobs, runs, runner, new ActiveCallGraphRefresher(), new LifecycleScheduler(db), metrics, clock,
                new ReplicaLeases(db, "late", clock), Duration.ofSeconds(10));
    }

    private static long calls(long tenant, Instant at) throws SQLException {
        return Long.parseLong(Rows.single(db, "SELECT coalesce(sum(call_count), 0) FROM service_call_5m WHERE tenant_id = " + tenant
                + " AND bucket = '" + bucket(at) + "'"));
    }

    private static long logs(long tenant, Instant at) throws SQLException {
        return Long.parseLong(Rows.single(db, "SELECT coalesce(sum(count_total), 0) FROM log_pattern_5m WHERE tenant_id = " + tenant
                + " AND bucket = '" + bucket(at) + "'"));
    }

    private static List<String> tables(long tenant) throws SQLException {
        List<String> rows = new ArrayList<>(Rows.column(db, "SELECT c::text FROM service_call_5m c WHERE tenant_id = " + tenant + " ORDER BY bucket"));
        rows.addAll(Rows.column(db, "SELECT c::text FROM log_pattern_5m c WHERE tenant_id = " + tenant + " ORDER BY bucket"));
        return rows;
    }

    private static String bucket(Instant at) {
        long seconds = StagedBucketJob.BUCKET.toSeconds();
        return Instant.ofEpochSecond(Math.floorDiv(at.getEpochSecond(), seconds) * seconds).toString();
    }
}
