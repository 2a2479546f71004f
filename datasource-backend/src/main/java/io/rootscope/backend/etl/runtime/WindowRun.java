package io.rootscope.backend.etl.runtime;

/**
 * The result of one attempt to run a window.
 *
 * @param outcome the rows written and rejected when it succeeded, else null
 * @param error   why it failed, else null
 */
public record WindowRun(String job, long tenantId, EtlWindow window, WindowRunStatus status, JobOutcome outcome,
                        String error) {
}
