package io.rootscope.backend.etl.aggregate;

import io.rootscope.backend.etl.runtime.EtlJob;
import io.rootscope.backend.etl.runtime.JobStage;
import io.rootscope.backend.etl.runtime.WindowSchedule;

/**
 * An aggregation-stage job that reads only what is already in the database (staged telemetry, ingested
 * metrics): it runs after the tenant's ingestion reaches its window's end, and has no external source whose
 * outage would open a circuit.
 */
public abstract class DatabaseAggregationJob implements EtlJob {

    private final String name;
    private final WindowSchedule schedule;

    protected DatabaseAggregationJob(String name, WindowSchedule schedule) {
        this.name = name;
        this.schedule = schedule;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String source() {
        return "database";
    }

    @Override
    public final JobStage stage() {
        return JobStage.AGGREGATE;
    }

    @Override
    public final WindowSchedule schedule() {
        return schedule;
    }
}
