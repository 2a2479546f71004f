package io.rootscope.backend.etl.topology;

import io.rootscope.backend.etl.runtime.EtlJob;
import io.rootscope.backend.etl.runtime.JobContext;
import io.rootscope.backend.etl.runtime.JobOutcome;
import io.rootscope.backend.etl.runtime.JobStage;
import io.rootscope.backend.etl.runtime.SourceUnavailableException;
import io.rootscope.backend.etl.runtime.WindowSchedule;
import java.sql.SQLException;

/**
 * Takes a snapshot of a topology source once per window and applies it as of the window's end. A replay of an
 * old window is refused by the applier (snapshots must come in time order): topology sources show only now.
 */
// JDBC: the ETL's scheduled runs: the snapshot applied on the window run's transaction (db/package-info).
public final class TopologyJob implements EtlJob {

    private final String name;
    private final TopologySource source;
    private final TopologySnapshotApplier applier;
    private final WindowSchedule schedule;

    public TopologyJob(String name, TopologySource source, TopologySnapshotApplier applier, WindowSchedule schedule) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name must not be empty");
        }
        this.name = name;
        this.source = source;
        this.applier = applier;
        this.schedule = schedule;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String source() {
        return source.name();
    }

    @Override
    public JobStage stage() {
        return JobStage.INGEST;
    }

    @Override
    public WindowSchedule schedule() {
        return schedule;
    }

    @Override
    public JobOutcome run(JobContext context) throws SourceUnavailableException, SQLException {
        TopologyChange change = applier.apply(context.connection(), context.tenantId(), source.name(),
                context.window().to(), source.read());
        return new JobOutcome(change.opened() + change.closed(), change.rejected());
    }
}
