package io.rootscope.backend.etl.runtime;

/**
 * The right to run one window of one job for one tenant, held through its {@code etl_job_run} row.
 *
 * @param attempts which attempt this is; a success or failure is recorded only while the row still shows it
 */
public record JobRunClaim(long runId, String job, long tenantId, EtlWindow window, int attempts) {
}
