package io.rootscope.backend.etl.topology;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rootscope.analytics.topology.TopologyDiff;
import io.rootscope.backend.etl.write.JdbcTime;
import io.rootscope.backend.etl.write.ObservedResource;
import io.rootscope.backend.etl.write.ResourceResolver;
import io.rootscope.backend.graph.GraphRelation;
import io.rootscope.backend.graph.OpsGraphWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Applies a source's topology snapshot taken at time T to {@code topo_edge_time} and mirrors it into the AGE
 * graph: a new edge opens the interval [T, ∞) and gets its graph edge; a vanished edge's interval is closed at
 * T and its graph edge deleted; an unchanged edge is not touched; an edge whose properties changed is closed
 * and reopened at T. Snapshots are diffed per source (an edge is owned by the source that reported it) and
 * must come in time order. Runs on the caller's transaction.
 */
// JDBC: the ETL's scheduled runs: edge intervals and the AGE graph on the window run's transaction (db/package-info).
public final class TopologySnapshotApplier {

    private static final ObjectMapper JSON = new ObjectMapper();
    // Locked so that two appliers of the same source cannot both open an edge.
    private static final String OPEN_EDGES = """
            SELECT e.edge_id, e.relation, s.urn AS src_urn, d.urn AS dst_urn, e.props, lower(e.valid) AS opened_at
              FROM rootscope.topo_edge_time e
              JOIN rootscope.dim_resource s ON s.resource_id = e.src_resource_id
              JOIN rootscope.dim_resource d ON d.resource_id = e.dst_resource_id
             WHERE e.tenant_id = ? AND e.source = ? AND upper_inf(e.valid)
               FOR UPDATE OF e""";
    private static final String CLOSE = "UPDATE rootscope.topo_edge_time SET valid = tstzrange(lower(valid), ?) WHERE edge_id = ?";
    private static final String OPEN = """
            INSERT INTO rootscope.topo_edge_time (tenant_id, src_resource_id, dst_resource_id, relation, valid, source, props)
            VALUES (?, ?, ?, ?, tstzrange(?, NULL), ?, ?::jsonb)""";

    /** What identifies an edge within a source. */
    private record EdgeKey(String srcUrn, String dstUrn, GraphRelation relation) {
    }

    private final ResourceResolver resources;

    public TopologySnapshotApplier(ResourceResolver resources) {
        this.resources = resources;
    }

    /**
     * @throws IllegalArgumentException when {@code at} is not after the opening of every open edge of the source
     */
    public TopologyChange apply(Connection connection, long tenantId, String source, Instant at, TopologySnapshot snapshot)
            throws SQLException {
        Map<String, Long> ids = resources.resolveAll(tenantId, snapshot.resources());
        OpsGraphWriter graph = new OpsGraphWriter(connection);
        graph.lockTenant(tenantId);
        Map<EdgeKey, JsonNode> open = new HashMap<>();
        Map<EdgeKey, Long> openIds = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(OPEN_EDGES)) {
            statement.setLong(1, tenantId);
            statement.setString(2, source);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    Instant openedAt = JdbcTime.instant(rows, "opened_at");
                    if (!at.isAfter(openedAt)) {
                        throw new IllegalArgumentException("at: snapshot time " + at + " of source " + source
                                + " must be after the opening of its open edges, the latest at " + openedAt);
                    }
                    EdgeKey key = new EdgeKey(rows.getString("src_urn"), rows.getString("dst_urn"), GraphRelation.valueOf(rows.getString("relation")));
                    open.put(key, json(rows.getString("props")));
                    openIds.put(key, rows.getLong("edge_id"));
                }
            }
        }
        Map<EdgeKey, JsonNode> current = new LinkedHashMap<>();
        for (TopologyEdge edge : snapshot.edges()) {
            current.put(new EdgeKey(edge.srcUrn(), edge.dstUrn(), edge.relation()), json(edge.properties()));
        }
        TopologyDiff<EdgeKey, JsonNode> changes = TopologyDiff.between(open, current);

        try (PreparedStatement close = connection.prepareStatement(CLOSE)) {
            for (EdgeKey key : changes.closed()) {
                close.setObject(1, JdbcTime.timestamptz(at));
                close.setLong(2, openIds.get(key));
                close.addBatch();
            }
            close.executeBatch();
        }
        try (PreparedStatement insert = connection.prepareStatement(OPEN)) {
            for (Map.Entry<EdgeKey, JsonNode> opening : changes.opened().entrySet()) {
                insert.setLong(1, tenantId);
                insert.setLong(2, ids.get(opening.getKey().srcUrn()));
                insert.setLong(3, ids.get(opening.getKey().dstUrn()));
                insert.setString(4, opening.getKey().relation().name());
                insert.setObject(5, JdbcTime.timestamptz(at));
                insert.setString(6, source);
                insert.setString(7, opening.getValue().toString());
                insert.addBatch();
            }
            insert.executeBatch();
        }
        mirror(graph, tenantId, source, at, snapshot, changes);
        return new TopologyChange(changes.opened().size(), changes.closed().size(), changes.unchanged(), snapshot.rejected().size());
    }

    /** The graph holds the current topology: the edges opened now get (or refresh) theirs, the closed ones lose it. */
    private static void mirror(OpsGraphWriter graph, long tenantId, String source, Instant at, TopologySnapshot snapshot,
                               TopologyDiff<EdgeKey, JsonNode> changes) throws SQLException {
        Map<String, ObservedResource> byUrn = new HashMap<>();
        snapshot.resources().forEach(r -> byUrn.put(r.urn(), r));
        for (EdgeKey key : changes.closed()) {
            graph.deleteEdge(tenantId, key.relation(), key.srcUrn(), key.dstUrn());
        }
        for (EdgeKey key : changes.opened().keySet()) {
            for (String urn : new String[] {key.srcUrn(), key.dstUrn()}) {
                ObservedResource resource = byUrn.get(urn);
                graph.upsertResource(tenantId, urn, resource.type(), resource.name());
            }
            graph.upsertEdge(tenantId, key.relation(), key.srcUrn(), key.dstUrn(), Map.of("source", source, "since", at.toString()));
        }
    }

    /** Properties as JSON trees, so that the same value read back from jsonb compares equal whatever its Java type. */
    private static JsonNode json(Object properties) {
        try {
            return JSON.readTree(properties instanceof String text ? text : JSON.writeValueAsString(properties));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("edge properties are not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
