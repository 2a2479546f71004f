package io.rootscope.backend.etl.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rootscope.backend.etl.write.JdbcTime;
import io.rootscope.backend.graph.GraphRelation;
import io.rootscope.backend.graph.OpsGraphWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.postgresql.util.PGobject;

/**
 * Refreshes the active call graph of a tenant in AGE from {@code service_call_5m}: every service pair with calls in
 * a bucket that overlaps the last {@code activeFor} gets a CALLS edge carrying its latest bucket's rps, err_rate
 * and p95_ms and last_seen (that bucket's end); CALLS edges of pairs not seen in that time are deleted.
 * Runs on the caller's connection and transaction.
 */
// JDBC: the ETL's scheduled runs: the AGE graph refreshed on the tick's transaction (db/package-info).
public final class ActiveCallGraphRefresher {

    public static final Duration ACTIVE_FOR_DEFAULT = Duration.ofMinutes(10);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACTIVE_CALLS = """
            SELECT s.urn AS src_urn, s.type AS src_type, s.name AS src_name,
                   d.urn AS dst_urn, d.type AS dst_type, d.name AS dst_name,
                   c.rps, c.err_rate, c.p95_ms, c.bucket + interval '5 minutes' AS last_seen
              FROM (SELECT DISTINCT ON (src_resource_id, dst_resource_id) *
                      FROM rootscope.service_call_5m
                     WHERE tenant_id = ? AND bucket > ?::timestamptz - interval '5 minutes' AND bucket <= ?
                     ORDER BY src_resource_id, dst_resource_id, bucket DESC) c
              JOIN rootscope.dim_resource s ON s.resource_id = c.src_resource_id
              JOIN rootscope.dim_resource d ON d.resource_id = c.dst_resource_id""";
    private static final String GRAPH_CALLS = """
            SELECT * FROM ag_catalog.cypher('ops', $$
                MATCH (a:Resource {tenant: $tenant})-[:CALLS]->(b:Resource) RETURN a.urn, b.urn
            $$, ?) AS (src ag_catalog.agtype, dst ag_catalog.agtype)""";

    /** What one refresh changed. */
    public record Refresh(int edgesUpserted, int edgesDeleted) {
    }

    private record Pair(String src, String dst) {
    }

    private final Duration activeFor;

    public ActiveCallGraphRefresher() {
        this(ACTIVE_FOR_DEFAULT);
    }

    public ActiveCallGraphRefresher(Duration activeFor) {
        if (activeFor.isNegative() || activeFor.isZero()) {
            throw new IllegalArgumentException("activeFor must be positive, got " + activeFor);
        }
        this.activeFor = activeFor;
    }

    public Refresh refresh(Connection connection, long tenantId, Instant now) throws SQLException {
        OpsGraphWriter graph = new OpsGraphWriter(connection);
        graph.lockTenant(tenantId);
        Set<Pair> active = new HashSet<>();
        Set<String> vertices = new HashSet<>();
        try (PreparedStatement statement = connection.prepareStatement(ACTIVE_CALLS)) {
            statement.setLong(1, tenantId);
            statement.setObject(2, JdbcTime.timestamptz(now.minus(activeFor)));
            statement.setObject(3, JdbcTime.timestamptz(now));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    String src = rows.getString("src_urn");
                    String dst = rows.getString("dst_urn");
                    if (vertices.add(src)) {
                        graph.upsertResource(tenantId, src, rows.getString("src_type"), rows.getString("src_name"));
                    }
                    if (vertices.add(dst)) {
                        graph.upsertResource(tenantId, dst, rows.getString("dst_type"), rows.getString("dst_name"));
                    }
                    Map<String, Object> properties = new LinkedHashMap<>();
                    properties.put("rps", rows.getDouble("rps"));
                    properties.put("err_rate", rows.getDouble("err_rate"));
                    properties.put("p95_ms", rows.getDouble("p95_ms"));
                    properties.put("last_seen", JdbcTime.instant(rows, "last_seen").toString());
                    graph.upsertEdge(tenantId, GraphRelation.CALLS, src, dst, properties);
                    active.add(new Pair(src, dst));
                }
            }
        }
        int deleted = 0;
        for (Pair edge : graphCalls(connection, tenantId)) {
            if (!active.contains(edge) && graph.deleteEdge(tenantId, GraphRelation.CALLS, edge.src(), edge.dst())) {
                deleted++;
            }
        }
        return new Refresh(active.size(), deleted);
    }

    private static List<Pair> graphCalls(Connection connection, long tenantId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(GRAPH_CALLS)) {
            PGobject params = new PGobject();
            params.setType("ag_catalog.agtype");
            params.setValue("{\"tenant\": " + tenantId + "}");
            statement.setObject(1, params);
            List<Pair> pairs = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    pairs.add(new Pair(agtypeString(rows.getString("src")), agtypeString(rows.getString("dst"))));
                }
            }
            return pairs;
        }
    }

    /** An agtype string value arrives as a JSON string literal. */
    private static String agtypeString(String agtype) throws SQLException {
        try {
            return JSON.readValue(agtype, String.class);
        } catch (JsonProcessingException e) {
            throw new SQLException("unexpected agtype for a urn: " + agtype, e);
        }
    }
}
