package io.rootscope.backend.etl.aggregate;

import io.rootscope.backend.etl.runtime.JobContext;
import io.rootscope.backend.etl.runtime.JobOutcome;
import io.rootscope.backend.etl.runtime.StagedBucketJob;
import io.rootscope.backend.etl.runtime.WindowSchedule;
import io.rootscope.backend.etl.topology.TopologyChange;
import io.rootscope.backend.etl.topology.TopologyEdge;
import io.rootscope.backend.etl.topology.TopologySnapshot;
import io.rootscope.backend.etl.topology.TopologySnapshotApplier;
import io.rootscope.backend.etl.write.JdbcTime;
import io.rootscope.backend.etl.write.ObservedResource;
import io.rootscope.backend.graph.GraphRelation;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The service call graph reconstructed from traces, kept over time: at the end of each window, the caller/callee
 * pairs seen in the last {@code activeFor} are a snapshot of source {@code traces}, applied to
 * {@code topo_edge_time} (a new pair opens an interval, a pair gone quiet closes it). Calls staged after their
 * windows ran are folded into that history afterwards ({@link LateCallHistory}).
 */
// JDBC: the ETL's scheduled runs: set-based writes on the window run's transaction (db/package-info).
public final class TraceTopologyJob extends DatabaseAggregationJob implements StagedBucketJob {

    public static final Duration ACTIVE_FOR_DEFAULT = Duration.ofMinutes(10);
    private static final String PAIRS = """
            SELECT DISTINCT s.urn, s.type, s.name, d.urn, d.type, d.name
              FROM rootscope.span_call c
              JOIN rootscope.dim_resource s ON s.resource_id = c.src_resource_id
              JOIN rootscope.dim_resource d ON d.resource_id = c.dst_resource_id
             WHERE c.tenant_id = ? AND c.ts >= ? AND c.ts < ?""";

    private final TopologySnapshotApplier applier;
    private final Duration activeFor;
    private final LateCallHistory lateCalls;

    public TraceTopologyJob(TopologySnapshotApplier applier, WindowSchedule schedule, Duration activeFor) {
        super("trace_topology", schedule);
        this.applier = applier;
        this.activeFor = activeFor;
        this.lateCalls = new LateCallHistory(schedule.size(), activeFor);
    }

    @Override
    public String stagedTable() {
        return "span_call";
    }

    @Override
    public JobOutcome rerun(JobContext bucket, Instant doneUntil) throws SQLException {
        return new JobOutcome(lateCalls.fold(bucket.connection(), bucket.tenantId(), bucket.window(), doneUntil), 0);
    }

    @Override
    public JobOutcome run(JobContext context) throws SQLException {
        Map<String, ObservedResource> resources = new LinkedHashMap<>();
        List<TopologyEdge> edges = new ArrayList<>();
        try (PreparedStatement statement = context.connection().prepareStatement(PAIRS)) {
            statement.setLong(1, context.tenantId());
            statement.setObject(2, JdbcTime.timestamptz(context.window().to().minus(activeFor)));
            statement.setObject(3, JdbcTime.timestamptz(context.window().to()));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    resources.putIfAbsent(rows.getString(1), new ObservedResource(rows.getString(1), rows.getString(2), rows.getString(3)));
                    resources.putIfAbsent(rows.getString(4), new ObservedResource(rows.getString(4), rows.getString(5), rows.getString(6)));
                    edges.add(new TopologyEdge(rows.getString(1), rows.getString(4), GraphRelation.CALLS, Map.of()));
                }
            }
        }
        TopologyChange change = applier.apply(context.connection(), context.tenantId(), LateCallHistory.SOURCE, context.window().to(),
                new TopologySnapshot(List.copyOf(resources.values()), edges, List.of()));
        return new JobOutcome(change.opened() + change.closed(), 0);
    }
}
