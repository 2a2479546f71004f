package io.rootscope.backend.etl.runtime;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Folds late staged rows into what the jobs reading them wrote: claims the notes {@link PendingBucketStore} holds for
 * a staging table's buckets whose windows are done for every job reading it, reruns each job over each such bucket,
 * and forgets the note, all in one transaction. A crash before the commit leaves the notes for the next tick; a second scheduler
 * skips the notes this one holds; a rerun folds in the whole bucket, so running it again changes nothing.
 */
// JDBC: the ETL's scheduled runs: a late bucket's recomputation in one transaction (db/package-info).
public final class LateBucketRunner {

    public static final int BUCKETS_PER_TICK_DEFAULT = 100;

    private static final Logger LOG = LoggerFactory.getLogger(LateBucketRunner.class);

    private final DataSource dataSource;
    private final JobRunStore runs;
    private final PendingBucketStore pending = new PendingBucketStore();
    private final EtlMetrics metrics;
    private final int bucketsPerTick;

    public LateBucketRunner(DataSource dataSource, JobRunStore runs, EtlMetrics metrics, int bucketsPerTick) {
        if (bucketsPerTick < 1) {
            throw new IllegalArgumentException("bucketsPerTick must be at least 1, got " + bucketsPerTick);
        }
        this.dataSource = dataSource;
        this.runs = runs;
        this.metrics = metrics;
        this.bucketsPerTick = bucketsPerTick;
    }

    /**
     * Reruns up to {@code bucketsPerTick} buckets of {@code stagedTable} that received rows after the windows of
     * {@code jobs} (the tenant's jobs reading that table) ran over them.
     */
    public List<WindowRun> run(long tenantId, String stagedTable, List<StagedBucketJob> jobs) throws SQLException {
        // A bucket some job's windows have not all covered yet is left to those windows (they read its rows then).
        Map<StagedBucketJob, Instant> done = new LinkedHashMap<>();
        Instant doneUntil = Instant.MAX;
        for (StagedBucketJob job : jobs) {
            Instant until = runs.completeUntil(job.name(), tenantId);
            if (until == null) {
                return List.of();
            }
            done.put(job, until);
            doneUntil = until.isBefore(doneUntil) ? until : doneUntil;
        }
        List<WindowRun> results = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                for (Instant bucket : pending.claim(connection, tenantId, stagedTable, doneUntil, bucketsPerTick)) {
                    results.addAll(rerun(connection, tenantId, stagedTable, done, new EtlWindow(bucket, bucket.plus(StagedBucketJob.BUCKET))));
                }
                connection.commit();
                return results;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }

    /** One bucket, under a savepoint: a failure keeps its note (retried next tick) without undoing the other buckets. */
    private List<WindowRun> rerun(Connection connection, long tenantId, String stagedTable, Map<StagedBucketJob, Instant> jobs,
                                  EtlWindow bucket) throws SQLException {
        Savepoint savepoint = connection.setSavepoint();
        List<WindowRun> results = new ArrayList<>();
        for (Map.Entry<StagedBucketJob, Instant> job : jobs.entrySet()) {
            String name = job.getKey().name();
            try {
                JobOutcome outcome = job.getKey().rerun(new JobContext(tenantId, bucket, connection), job.getValue());
                results.add(new WindowRun(name, tenantId, bucket, WindowRunStatus.SUCCEEDED, outcome, null));
            } catch (SourceUnavailableException | SQLException | RuntimeException e) {
                connection.rollback(savepoint);
                metrics.windowFailed(name, false);
                String error = e.getClass().getSimpleName() + ": " + e.getMessage();
                LOG.warn("{} late bucket {} of tenant {} failed, retried next tick: {}", name, bucket.from(), tenantId, error);
                return List.of(new WindowRun(name, tenantId, bucket, WindowRunStatus.RETRY_SCHEDULED, null, error));
            }
        }
        pending.forget(connection, tenantId, stagedTable, bucket.from(), bucket.to());
        connection.releaseSavepoint(savepoint);
        results.forEach(run -> metrics.windowSucceeded(run.job(), run.outcome()));
        return results;
    }
}
