package io.rootscope.backend.etl.runtime;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

/**
 * A job that reads one staging table by five-minute {@link #BUCKET}s. Rows staged into a bucket after the job's
 * windows over it ran (late data) are folded in by the scheduler, which calls {@link #rerun} with that one bucket (see
 * {@link PendingBucketStore}).
 */
public interface StagedBucketJob extends EtlJob {

    Duration BUCKET = Duration.ofMinutes(5);

    /** The staging table it reads, as pushes note it in {@code pending_bucket}. */
    String stagedTable();

    /**
     * Folds every staged row of one bucket (the context's window) into what the job wrote; must be idempotent. By
     * default a run over the bucket, for jobs that recompute whole buckets.
     *
     * @param doneUntil the end of the job's windows done so far (the bucket ends by then)
     */
    default JobOutcome rerun(JobContext bucket, Instant doneUntil) throws SourceUnavailableException, SQLException {
        return run(bucket);
    }
}
