package io.rootscope.backend.etl.runtime;

import io.rootscope.backend.db.replica.ReplicaLeases;
import io.rootscope.backend.lifecycle.LifecycleScheduler;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ETL's job DAG, one pass per tick: every registered job runs its due windows (retries and new windows,
 * oldest first) — ingest jobs, then aggregation jobs, whose windows wait until every ingest job of the tenant is
 * complete up to their end; then the buckets that received staged rows after their windows ran are recomputed
 * ({@link LateBucketRunner}); then the active call graph of each tenant is refreshed in AGE from the aggregated calls;
 * then the retention and rollup jobs that Timescale does not run itself. A tick that finds a source's circuit open skips that job's remaining windows until a later tick.
 * Several replicas tick the same DAG: windows are claimed ({@link JobRunStore}), late buckets and lifecycle jobs locked
 * row by row, and a tenant's graph refresh leased ({@link ReplicaLeases}) once per period across them.
 */
public final class EtlScheduler implements AutoCloseable {

    static final String CALL_GRAPH_LEASE = "call-graph-refresh";

    private static final Logger LOG = LoggerFactory.getLogger(EtlScheduler.class);

    private final JobRegistry jobs;
    private final JobRunStore runs;
    private final WindowRunner runner;
    private final ActiveCallGraphRefresher callGraph;
    private final LifecycleScheduler lifecycle;
    private final EtlMetrics metrics;
    private final Clock clock;
    private final LateBucketRunner lateBuckets;
    private final ReplicaLeases leases;
    private final Duration period;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "etl-scheduler");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * @param leases the leases of this replica's work that runs once per {@code period} across replicas
     * @param period how often it ticks
     */
    public EtlScheduler(DataSource dataSource, JobRegistry jobs, JobRunStore runs, WindowRunner runner,
                        ActiveCallGraphRefresher callGraph, LifecycleScheduler lifecycle, EtlMetrics metrics, Clock clock,
                        ReplicaLeases leases, Duration period) {
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("period must be positive, got " + period);
        }
        this.jobs = jobs;
        this.runs = runs;
        this.runner = runner;
        this.callGraph = callGraph;
        this.lifecycle = lifecycle;
        this.metrics = metrics;
        this.clock = clock;
        this.lateBuckets = new LateBucketRunner(dataSource, runs, metrics, LateBucketRunner.BUCKETS_PER_TICK_DEFAULT);
        this.leases = leases;
        this.period = period;
    }

    /** Ticks every period on a background thread until closed. */
    public void start() {
        executor.scheduleWithFixedDelay(this::tickLogged, 0, period.toMillis(), TimeUnit.MILLISECONDS);
    }

    public EtlTick tick() throws SQLException {
        runner.settleUnrecorded();
        List<WindowRun> windows = new ArrayList<>();
        for (ScheduledJob scheduled : jobs.inDagOrder()) {
            windows.addAll(runDueWindows(scheduled));
        }
        List<WindowRun> late = new ArrayList<>();
        for (Map.Entry<StagedTable, List<StagedBucketJob>> readers : stagedTableReaders().entrySet()) {
            late.addAll(lateBuckets.run(readers.getKey().tenantId(), readers.getKey().table(), readers.getValue()));
        }
        Map<Long, ActiveCallGraphRefresher.Refresh> graph = new LinkedHashMap<>();
        for (long tenantId : jobs.tenants()) {
            leases.runIfDue(CALL_GRAPH_LEASE, tenantId, period, connection -> callGraph.refresh(connection, tenantId, clock.instant()))
                    .ifPresent(refresh -> graph.put(tenantId, refresh));
        }
        return new EtlTick(windows, late, graph, lifecycle.runDueJobs());
    }

    /** A staging table of one tenant. */
    private record StagedTable(long tenantId, String table) {
    }

    /** The jobs reading each staging table of each tenant, in DAG order. */
    private Map<StagedTable, List<StagedBucketJob>> stagedTableReaders() {
        Map<StagedTable, List<StagedBucketJob>> readers = new LinkedHashMap<>();
        for (ScheduledJob scheduled : jobs.inDagOrder()) {
            if (scheduled.job() instanceof StagedBucketJob staged) {
                readers.computeIfAbsent(new StagedTable(scheduled.tenantId(), staged.stagedTable()), k -> new ArrayList<>()).add(staged);
            }
        }
        return readers;
    }

    private List<WindowRun> runDueWindows(ScheduledJob scheduled) throws SQLException {
        EtlJob job = scheduled.job();
        long tenantId = scheduled.tenantId();
        Instant now = clock.instant();
        // Retries and new windows, by start; a window can be both only if its retry is due, so the map dedupes.
        Map<Instant, EtlWindow> due = new TreeMap<>();
        runs.retriesDue(job.name(), tenantId, now).forEach(w -> due.put(w.from(), w));
        job.schedule().dueWindows(runs.frontier(job.name(), tenantId), now).forEach(w -> due.putIfAbsent(w.from(), w));
        Instant upstream = job.stage() == JobStage.AGGREGATE ? ingestCompleteUntil(tenantId) : Instant.MAX;
        List<WindowRun> results = new ArrayList<>();
        for (EtlWindow window : due.values()) {
            if (window.to().isAfter(upstream)) {
                break;
            }
            WindowRun run = runner.run(job, tenantId, window);
            results.add(run);
            if (run.status() == WindowRunStatus.CIRCUIT_OPEN) {
                break;
            }
        }
        Instant lastSucceeded = runs.lastSucceeded(job.name(), tenantId);
        if (lastSucceeded != null) {
            metrics.windowLag(job.name(), tenantId, Duration.between(lastSucceeded, clock.instant()));
        }
        return results;
    }

    /** How far every ingest job of the tenant is complete; {@link Instant#MAX} when it has none. */
    private Instant ingestCompleteUntil(long tenantId) throws SQLException {
        Instant until = Instant.MAX;
        for (ScheduledJob scheduled : jobs.inDagOrder()) {
            if (scheduled.tenantId() == tenantId && scheduled.job().stage() == JobStage.INGEST) {
                Instant complete = runs.completeUntil(scheduled.job().name(), tenantId);
                if (complete == null) {
                    return Instant.MIN;
                }
                until = complete.isBefore(until) ? complete : until;
            }
        }
        return until;
    }

    private void tickLogged() {
        try {
            EtlTick tick = tick();
            LOG.debug("etl tick: {} windows, {} late buckets, graph {}, lifecycle {}", tick.windows().size(), tick.late().size(), tick.graph(),
                    tick.lifecycle());
        } catch (SQLException | RuntimeException e) {
            // The next tick retries; a database outage must not kill the scheduler thread.
            LOG.warn("etl tick failed: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
