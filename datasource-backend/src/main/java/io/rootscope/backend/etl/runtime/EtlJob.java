package io.rootscope.backend.etl.runtime;

import java.sql.SQLException;

/** A windowed ETL job: reads one window of one source for one tenant and writes it through the context's connection. */
public interface EtlJob {

    /** The job's name in {@code etl_job_run} and in the replay API. */
    String name();

    /** The source it reads, the key of its circuit breaker (several jobs may share one). */
    String source();

    JobStage stage();

    WindowSchedule schedule();

    /**
     * Processes one window. Must be idempotent: a window is re-run after a crash, a retry or a replay.
     *
     * @throws SourceUnavailableException when the source cannot be read; the window is retried later
     */
    JobOutcome run(JobContext context) throws SourceUnavailableException, SQLException;
}
