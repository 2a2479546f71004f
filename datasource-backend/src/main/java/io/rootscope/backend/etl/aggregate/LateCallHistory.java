package io.rootscope.backend.etl.aggregate;

import io.rootscope.backend.etl.runtime.EtlWindow;
import io.rootscope.backend.etl.write.JdbcTime;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Folds the calls of one bucket of {@code span_call} into the CALLS history {@link TraceTopologyJob} wrote, as if they had
 * arrived on time. That job's snapshot at each window end T holds the pairs with calls in [T − activeFor, T), so a call
 * at t makes its pair active at the window ends in (t, t + activeFor]: the interval [first such end, last such end +
 * window), open when it reaches past the last snapshot applied (the next snapshot then closes or keeps it). The
 * interval is merged with the pair's intervals from source {@code traces} that it overlaps or touches; a pair whose
 * history already covers it is not touched (so a rerun changes nothing), and one whose overlapping interval comes
 * from another source is left to that source. Writing {@code topo_edge_time} moves the tenant's CALLS revision (V013),
 * so stored diagnoses of the affected windows and the topology cache are recomputed.
 */
// JDBC: the ETL's scheduled runs: set-based writes on the window run's transaction (db/package-info).
final class LateCallHistory {

    static final String SOURCE = "traces";

    // The activity interval of each call, merged per pair (range_agg); parameters: window, activeFor, tenant, bucket.
    private static final String ACTIVE = """
            SELECT src_resource_id, dst_resource_id, lower(r) AS active_from, upper(r) AS active_to
              FROM (SELECT src_resource_id, dst_resource_id,
                           unnest(range_agg(tstzrange(date_bin(w.size, ts, timestamptz 'epoch') + w.size,
                                                      date_bin(w.size, ts + w.active, timestamptz 'epoch') + w.size))) AS r
                      FROM rootscope.span_call,
                           (SELECT ? * interval '1 millisecond' AS size, ? * interval '1 millisecond' AS active) w
                     WHERE tenant_id = ? AND ts >= ? AND ts < ?
                     GROUP BY src_resource_id, dst_resource_id) pairs""";
    // Locked as the snapshot applier locks what it diffs: two writers of one pair's history cannot interleave.
    private static final String TOUCHING = """
            SELECT edge_id, source, lower(valid) AS valid_from, upper(valid) AS valid_to,
                   valid @> tstzrange(?, ?) AS covers
              FROM rootscope.topo_edge_time
             WHERE tenant_id = ? AND src_resource_id = ? AND dst_resource_id = ? AND relation = 'CALLS'
               AND (valid && tstzrange(?, ?) OR valid -|- tstzrange(?, ?))
               FOR UPDATE""";
    private static final String DELETE = "DELETE FROM rootscope.topo_edge_time WHERE edge_id = ?";
    private static final String INSERT = """
            INSERT INTO rootscope.topo_edge_time (tenant_id, src_resource_id, dst_resource_id, relation, valid, source)
            VALUES (?, ?, ?, 'CALLS', tstzrange(?, ?), ?)""";

    private record Active(long src, long dst, Instant from, Instant to) {
    }

    private record Touching(long edgeId, String source, Instant from, Instant to, boolean covers) {
    }

    private final Duration window;
    private final Duration activeFor;

    LateCallHistory(Duration window, Duration activeFor) {
        this.window = window;
        this.activeFor = activeFor;
    }

    /**
     * @param appliedUntil the time of the last snapshot applied
     * @return the pairs whose history changed
     */
    int fold(Connection connection, long tenantId, EtlWindow bucket, Instant appliedUntil) throws SQLException {
        int changed = 0;
        for (Active active : active(connection, tenantId, bucket)) {
            if (active.from().isAfter(appliedUntil)) {
                continue; // no snapshot applied yet would have held it: the coming ones read the call themselves
            }
            Instant to = active.to().isAfter(appliedUntil) ? null : active.to();
            if (merge(connection, tenantId, active, to)) {
                changed++;
            }
        }
        return changed;
    }

    private List<Active> active(Connection connection, long tenantId, EtlWindow bucket) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(ACTIVE)) {
            statement.setLong(1, window.toMillis());
            statement.setLong(2, activeFor.toMillis());
            statement.setLong(3, tenantId);
            statement.setObject(4, JdbcTime.timestamptz(bucket.from()));
            statement.setObject(5, JdbcTime.timestamptz(bucket.to()));
            List<Active> pairs = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    pairs.add(new Active(rows.getLong(1), rows.getLong(2), JdbcTime.instant(rows, "active_from"), JdbcTime.instant(rows, "active_to")));
                }
            }
            return pairs;
        }
    }

    /** Merges [active.from, until) (until null: open) into the pair's history; false when nothing had to change. */
    private boolean merge(Connection connection, long tenantId, Active active, Instant until) throws SQLException {
        List<Touching> touching = touching(connection, tenantId, active, until);
        if (touching.stream().anyMatch(t -> t.covers() || !t.source().equals(SOURCE))) {
            return false;
        }
        Instant from = active.from();
        Instant to = until;
        for (Touching edge : touching) {
            if (edge.from().isBefore(from)) {
                from = edge.from();
            }
            if (to != null && (edge.to() == null || edge.to().isAfter(to))) {
                to = edge.to();
            }
        }
        try (PreparedStatement delete = connection.prepareStatement(DELETE)) {
            for (Touching edge : touching) {
                delete.setLong(1, edge.edgeId());
                delete.addBatch();
            }
            delete.executeBatch();
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setLong(1, tenantId);
            insert.setLong(2, active.src());
            insert.setLong(3, active.dst());
            insert.setObject(4, JdbcTime.timestamptz(from));
            insert.setObject(5, JdbcTime.timestamptz(to));
            insert.setString(6, SOURCE);
            insert.executeUpdate();
        }
        return true;
    }

    private static List<Touching> touching(Connection connection, long tenantId, Active active, Instant to) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(TOUCHING)) {
            for (int range : new int[] {1, 6, 8}) {
                statement.setObject(range, JdbcTime.timestamptz(active.from()));
                statement.setObject(range + 1, JdbcTime.timestamptz(to));
            }
            statement.setLong(3, tenantId);
            statement.setLong(4, active.src());
            statement.setLong(5, active.dst());
            List<Touching> edges = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    edges.add(new Touching(rows.getLong("edge_id"), rows.getString("source"), JdbcTime.instant(rows, "valid_from"),
                            JdbcTime.instant(rows, "valid_to"), rows.getBoolean("covers")));
                }
            }
            return edges;
        }
    }
}
