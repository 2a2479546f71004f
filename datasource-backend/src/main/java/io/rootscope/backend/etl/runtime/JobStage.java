package io.rootscope.backend.etl.runtime;

/** The order jobs run in within one tick: what reads sources first, then what aggregates their rows. */
public enum JobStage {
    INGEST,
    AGGREGATE
}
