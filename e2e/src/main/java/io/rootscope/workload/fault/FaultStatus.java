package io.rootscope.workload.fault;

/** Lifecycle of an injected fault. */
public enum FaultStatus {
    /** Scheduled; its start time has not been reached yet. */
    PENDING,
    /** In effect. */
    ACTIVE,
    /** Ran for its full duration. */
    FINISHED,
    /** Deleted before it finished (possibly before it started). */
    CANCELLED
}
