package io.rootscope.backend.graph;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Idempotent writes to the AGE graph {@code ops}, using only the Cypher patterns that are correct on
 * AGE 1.5.0~rc0: one MERGE per vertex with its key in direct parameters, and for edges an explicit
 * MATCH ... SET, falling back to CREATE with the properties inline — because on that version SET on an edge
 * just created by MERGE is silently lost, MERGE inside UNWIND duplicates, and {@code SET n += $map} is refused.
 * Vertices are keyed by (tenant, urn); an edge by its two end vertices and its relation.
 *
 * <p>A MERGE, or an edge's MATCH then CREATE, racing another transaction's would both create, and two transactions'
 * vertex updates in different orders deadlock (the call-graph refresh and a topology window of one tenant, run by
 * different replicas): a writer first takes the tenant's graph ({@link #lockTenant}) for its transaction.
 */
// JDBC: AGE Cypher: cypher() takes its parameters only as a bare agtype (db/package-info).
public final class OpsGraphWriter {

    private static final Pattern PROPERTY_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    private static final String UPSERT_VERTEX = """
            SELECT * FROM ag_catalog.cypher('ops', $$
                MERGE (n:Resource {tenant: $tenant, urn: $urn})
                SET n.type = $type, n.name = $name
                RETURN id(n)
            $$, ?) AS (id ag_catalog.agtype)""";

    private static final String LOCK_TENANT = "SELECT pg_advisory_xact_lock(hashtextextended('rootscope.ops_graph', ?))";

    private final Connection connection;

    /** @param connection a connection with {@code ag_catalog} on its search path; the caller owns its transaction */
    public OpsGraphWriter(Connection connection) {
        this.connection = connection;
    }

    /** Waits until no other transaction writes the tenant's graph, and keeps the others waiting until this one ends. */
    public void lockTenant(long tenantId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(LOCK_TENANT)) {
            statement.setLong(1, tenantId);
            statement.execute();
        }
    }

    /** Creates the vertex of {@code urn} or updates its type and name. */
    public void upsertResource(long tenantId, String urn, String type, String name) throws SQLException {
        Map<String, Object> params = Map.of("tenant", tenantId, "urn", urn, "type", type, "name", name);
        try (PreparedStatement statement = connection.prepareStatement(UPSERT_VERTEX)) {
            statement.setObject(1, Agtype.parameters(params));
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    throw new SQLException("MERGE of resource " + urn + " returned no vertex");
                }
            }
        }
    }

    /**
     * Creates the edge {@code src -[relation]-> dst} with {@code properties}, or sets them on the existing
     * edge; properties not named keep their values. Both vertices must exist.
     *
     * @return true when the edge was created, false when it existed
     */
    public boolean upsertEdge(long tenantId, GraphRelation relation, String srcUrn, String dstUrn,
                              Map<String, ?> properties) throws SQLException {
        properties.keySet().forEach(OpsGraphWriter::checkPropertyName);
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("tenant", tenantId);
        params.put("src", srcUrn);
        params.put("dst", dstUrn);
        params.put("p", properties);
        String endpoints = "(a:Resource {tenant: $tenant, urn: $src}), (b:Resource {tenant: $tenant, urn: $dst})";
        String assignments = properties.keySet().stream().map(k -> "e." + k + " = $p." + k).collect(Collectors.joining(", "));
        String update = "MATCH (a:Resource {tenant: $tenant, urn: $src})-[e:" + relation + "]->(b:Resource {tenant: $tenant, urn: $dst}) "
                + (assignments.isEmpty() ? "" : "SET " + assignments + " ") + "RETURN count(e)";
        if (count(update, params) > 0) {
            return false;
        }
        String inline = properties.keySet().stream().map(k -> k + ": $p." + k).collect(Collectors.joining(", "));
        String create = "MATCH " + endpoints + " CREATE (a)-[e:" + relation + " {" + inline + "}]->(b) RETURN count(e)";
        if (count(create, params) != 1) {
            throw new SQLException("cannot create " + relation + " edge " + srcUrn + " -> " + dstUrn
                    + ": both vertices must exist in tenant " + tenantId);
        }
        return true;
    }

    /** Deletes the edge if present; returns whether one was deleted. */
    public boolean deleteEdge(long tenantId, GraphRelation relation, String srcUrn, String dstUrn) throws SQLException {
        String delete = "MATCH (:Resource {tenant: $tenant, urn: $src})-[e:" + relation + "]->(:Resource {tenant: $tenant, urn: $dst}) "
                + "DELETE e RETURN count(*)";
        return count(delete, Map.of("tenant", tenantId, "src", srcUrn, "dst", dstUrn)) > 0;
    }

    private long count(String cypher, Map<String, Object> params) throws SQLException {
        // The Cypher text is built only from the enum label and validated property names; values are parameters.
        String sql = "SELECT * FROM ag_catalog.cypher('ops', $$ " + cypher + " $$, ?) AS (n ag_catalog.agtype)";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, Agtype.parameters(params));
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Long.parseLong(rows.getString(1)) : 0;
            }
        }
    }

    private static void checkPropertyName(String name) {
        if (!PROPERTY_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("graph property name '" + name + "' must match " + PROPERTY_NAME.pattern());
        }
    }
}
