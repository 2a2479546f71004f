package io.rootscope.backend.etl.runtime;

/** How an attempt to run one window ended. */
public enum WindowRunStatus {
    SUCCEEDED,
    /** Failed; retried once its backoff has passed. */
    RETRY_SCHEDULED,
    /** Failed for the last allowed time; only a replay runs it again. */
    FAILED,
    /** Not attempted: the source's circuit is open. */
    CIRCUIT_OPEN,
    /** Not attempted: succeeded already, running elsewhere, or waiting for its retry time. */
    NOT_CLAIMED
}
