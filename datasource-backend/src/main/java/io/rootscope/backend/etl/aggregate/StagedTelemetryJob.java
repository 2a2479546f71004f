package io.rootscope.backend.etl.aggregate;

import io.rootscope.backend.etl.runtime.JobContext;
import io.rootscope.backend.etl.runtime.JobOutcome;
import io.rootscope.backend.etl.runtime.PendingBucketStore;
import io.rootscope.backend.etl.runtime.StagedBucketJob;
import io.rootscope.backend.etl.runtime.WindowSchedule;
import io.rootscope.backend.etl.write.JdbcTime;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

/**
 * Folds staged pushed telemetry into five-minute aggregates: for a window it recomputes every whole
 * five-minute bucket the window touches from the staged rows, so re-running a window, or running two windows
 * of one bucket, gives the same rows (the statement is an upsert of complete buckets).
 * <p>Two instances: {@link #traceCalls} ({@code span_call} → {@code service_call_5m}) and
 * {@link #logPatternCounts} ({@code log_event} → {@code log_pattern_5m}).
 * <p>Before reading, a run forgets the buckets' notes in {@code pending_bucket}: a note left after it means rows
 * committed after it read, which the scheduler folds in by running the bucket again.
 */
// JDBC: the ETL's scheduled runs: set-based aggregation on the window run's transaction (db/package-info).
public final class StagedTelemetryJob extends DatabaseAggregationJob implements StagedBucketJob {

    public static final Duration BUCKET = StagedBucketJob.BUCKET;

    // Parameters: tenant, bucket range [from, to), window end (for the rate of a bucket still filling).
    private static final String TRACE_CALLS = """
            INSERT INTO rootscope.service_call_5m AS c
                   (bucket, tenant_id, src_resource_id, dst_resource_id, call_count, rps, err_rate, p50_ms, p95_ms)
            SELECT b.bucket, b.tenant_id, b.src_resource_id, b.dst_resource_id, b.calls,
                   b.calls / greatest(1, least(300, extract(epoch FROM ?::timestamptz - b.bucket))), b.errors::float8 / b.calls, b.p50, b.p95
              FROM (SELECT public.time_bucket(interval '5 minutes', ts) AS bucket, tenant_id, src_resource_id, dst_resource_id,
                           count(*) AS calls, count(*) FILTER (WHERE error) AS errors,
                           percentile_cont(0.5) WITHIN GROUP (ORDER BY duration_ms) AS p50,
                           percentile_cont(0.95) WITHIN GROUP (ORDER BY duration_ms) AS p95
                      FROM rootscope.span_call
                     WHERE tenant_id = ? AND ts >= ? AND ts < ?
                     GROUP BY 1, 2, 3, 4) b
            ON CONFLICT ON CONSTRAINT service_call_5m_pk DO UPDATE
               SET call_count = excluded.call_count, rps = excluded.rps, err_rate = excluded.err_rate,
                   p50_ms = excluded.p50_ms, p95_ms = excluded.p95_ms""";
    private static final String LOG_PATTERN_COUNTS = """
            INSERT INTO rootscope.log_pattern_5m AS c (bucket, tenant_id, resource_id, pattern_id, count_total, count_error)
            SELECT public.time_bucket(interval '5 minutes', ts), tenant_id, resource_id, pattern_id,
                   count(*), count(*) FILTER (WHERE error)
              FROM rootscope.log_event
             WHERE ? IS NOT NULL AND tenant_id = ? AND ts >= ? AND ts < ?
             GROUP BY 1, 2, 3, 4
            ON CONFLICT ON CONSTRAINT log_pattern_5m_pk DO UPDATE
               SET count_total = excluded.count_total, count_error = excluded.count_error""";

    private final String stagedTable;
    private final String sql;
    private final PendingBucketStore pending = new PendingBucketStore();

    private StagedTelemetryJob(String name, String stagedTable, String sql, WindowSchedule schedule) {
        super(name, schedule);
        this.stagedTable = stagedTable;
        this.sql = sql;
    }

    public static StagedTelemetryJob traceCalls(WindowSchedule schedule) {
        return new StagedTelemetryJob("trace_calls_5m", "span_call", TRACE_CALLS, schedule);
    }

    public static StagedTelemetryJob logPatternCounts(WindowSchedule schedule) {
        return new StagedTelemetryJob("log_patterns_5m", "log_event", LOG_PATTERN_COUNTS, schedule);
    }

    @Override
    public String stagedTable() {
        return stagedTable;
    }

    @Override
    public JobOutcome run(JobContext context) throws SQLException {
        Instant from = floor(context.window().from());
        Instant to = floor(context.window().to().minusNanos(1)).plus(BUCKET);
        // Forget, then read (each statement its own snapshot): a push committing after the forget keeps its note.
        pending.forget(context.connection(), context.tenantId(), stagedTable, from, to);
        try (PreparedStatement statement = context.connection().prepareStatement(sql)) {
            statement.setObject(1, JdbcTime.timestamptz(context.window().to()));
            statement.setLong(2, context.tenantId());
            statement.setObject(3, JdbcTime.timestamptz(from));
            statement.setObject(4, JdbcTime.timestamptz(to));
            return new JobOutcome(statement.executeUpdate(), 0);
        }
    }

    private static Instant floor(Instant t) {
        long seconds = BUCKET.toSeconds();
        return Instant.ofEpochSecond(Math.floorDiv(t.getEpochSecond(), seconds) * seconds);
    }
}
