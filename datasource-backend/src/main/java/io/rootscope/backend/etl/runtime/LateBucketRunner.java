package io.rootscope.backend.etl.runtime;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Folds late staged rows into their aggregates: claims the notes {@link PendingBucketStore} holds for a
 * {@link StagedBucketJob}'s buckets whose windows are all done, runs the job over each such bucket, and forgets the
 * note, all in one transaction. A crash before the commit leaves the notes for the next tick; a second scheduler
 * skips the notes this one holds; a bucket is recomputed whole, so running it again changes nothing.
 */
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

    /** Recomputes up to {@code bucketsPerTick} of the job's buckets that received rows after their windows ran. */
    public List<WindowRun> run(StagedBucketJob job, long tenantId) throws SQLException {
        // A bucket whose windows are not all done yet is left to them: their runs forget its note.
        Instant doneUntil = runs.completeUntil(job.name(), tenantId);
        if (doneUntil == null) {
            return List.of();
        }
        List<WindowRun> results = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                for (Instant bucket : pending.claim(connection, tenantId, job.stagedTable(), doneUntil, bucketsPerTick)) {
                    results.add(rerun(connection, job, tenantId, new EtlWindow(bucket, bucket.plus(StagedBucketJob.BUCKET))));
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
    private WindowRun rerun(Connection connection, StagedBucketJob job, long tenantId, EtlWindow bucket) throws SQLException {
        Savepoint savepoint = connection.setSavepoint();
        try {
            JobOutcome outcome = job.run(new JobContext(tenantId, bucket, connection));
            pending.forget(connection, tenantId, job.stagedTable(), bucket.from(), bucket.to());
            connection.releaseSavepoint(savepoint);
            metrics.windowSucceeded(job.name(), outcome);
            return new WindowRun(job.name(), tenantId, bucket, WindowRunStatus.SUCCEEDED, outcome, null);
        } catch (SourceUnavailableException | SQLException | RuntimeException e) {
            connection.rollback(savepoint);
            metrics.windowFailed(job.name(), false);
            String error = e.getClass().getSimpleName() + ": " + e.getMessage();
            LOG.warn("{} late bucket {} of tenant {} failed, retried next tick: {}", job.name(), bucket.from(), tenantId, error);
            return new WindowRun(job.name(), tenantId, bucket, WindowRunStatus.RETRY_SCHEDULED, null, error);
        }
    }
}
