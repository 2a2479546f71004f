package io.rootscope.backend.etl.runtime;

import java.time.Duration;

/**
 * A job that folds one staging table into aggregates of whole {@link #BUCKET}s: a run over any window recomputes
 * every bucket the window touches. Rows staged into a bucket after its windows ran (late data) are folded in by the
 * scheduler, which runs the job again over that one bucket (see {@link PendingBucketStore}).
 */
public interface StagedBucketJob extends EtlJob {

    Duration BUCKET = Duration.ofMinutes(5);

    /** The staging table it reads, as pushes note it in {@code pending_bucket}. */
    String stagedTable();
}
