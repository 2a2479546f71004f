package io.rootscope.backend.etl.runtime;

import io.rootscope.backend.etl.write.MetricSampleRow;
import io.rootscope.backend.etl.write.MetricSampleWriter;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A job for runtime tests: writes one sample per window (at the window's start) and then, depending on its
 * mode, succeeds, reports its source down, fails with a bug, or runs {@link #databaseLoss} and fails as a lost
 * connection would — after writing, so a rollback is observable.
 */
final class SampleWritingJob implements EtlJob {

    enum Mode { OK, SOURCE_DOWN, BROKEN, DATABASE_LOST }

    private final String name;
    private final String source;
    private final JobStage stage;
    private final long resourceId;
    private final WindowSchedule schedule;
    final AtomicInteger runs = new AtomicInteger();
    volatile Mode mode = Mode.OK;
    /** What takes the database away in mode {@link Mode#DATABASE_LOST}, e.g. cutting a proxy. */
    volatile Runnable databaseLoss = () -> { };

    SampleWritingJob(String name, String source, JobStage stage, long resourceId) {
        this.name = name;
        this.source = source;
        this.stage = stage;
        this.resourceId = resourceId;
        this.schedule = new WindowSchedule(Duration.ofMinutes(1), Duration.ZERO, Duration.ofMinutes(3), 100);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String source() {
        return source;
    }

    @Override
    public JobStage stage() {
        return stage;
    }

    @Override
    public WindowSchedule schedule() {
        return schedule;
    }

    @Override
    public JobOutcome run(JobContext context) throws SourceUnavailableException, SQLException {
        runs.incrementAndGet();
        long written = new MetricSampleWriter().write(context.connection(), context.tenantId(),
                List.of(new MetricSampleRow(resourceId, name, context.window().from(), 1.0)));
        return switch (mode) {
            case OK -> new JobOutcome(written, 0);
            case SOURCE_DOWN -> throw new SourceUnavailableException("connection refused");
            case BROKEN -> throw new IllegalStateException("bug");
            case DATABASE_LOST -> {
                databaseLoss.run();
                throw new SQLException("An I/O error occurred while sending to the backend.", "08006");
            }
        };
    }
}
