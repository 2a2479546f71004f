package io.rootscope.workload.topology;

/** What a Sock Shop component is; decides its log templates and whether it emits server spans. */
public enum ServiceKind {
    /** An instrumented application service (emits server spans and application logs). */
    APPLICATION,
    /** A database; its callers record client spans, it records none itself. */
    DATABASE,
    /** A message broker. */
    BROKER,
    /** A background worker that consumes from a broker instead of serving callers. */
    WORKER
}
