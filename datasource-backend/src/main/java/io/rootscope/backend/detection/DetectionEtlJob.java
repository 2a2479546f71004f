package io.rootscope.backend.detection;

import io.rootscope.backend.etl.aggregate.DatabaseAggregationJob;
import io.rootscope.backend.etl.runtime.JobContext;
import io.rootscope.backend.etl.runtime.JobOutcome;
import io.rootscope.backend.etl.runtime.WindowSchedule;
import io.rootscope.backend.incident.IncidentListener;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * Anomaly detection as a step of the ETL's job DAG: an aggregation-stage job, so each window is judged only once
 * the tenant's metrics are ingested up to its end, exactly once per window like every ETL job.
 */
public final class DetectionEtlJob extends DatabaseAggregationJob {

    private final DetectionSettings settings;
    private final IncidentListener listener;

    /** @param listener told of new incidents; it runs inside the window's transaction, so it should defer its work */
    public DetectionEtlJob(DetectionSettings settings, IncidentListener listener, WindowSchedule schedule) {
        super("detection", schedule);
        this.settings = settings;
        this.listener = listener;
    }

    @Override
    public JobOutcome run(JobContext context) {
        DetectionRun run = new DetectionJob(DSL.using(context.connection(), SQLDialect.POSTGRES), settings, listener)
                .run(context.tenantId(), context.window().from(), context.window().to());
        return new JobOutcome(run.opened().size(), 0);
    }
}
