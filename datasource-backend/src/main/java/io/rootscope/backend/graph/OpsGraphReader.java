package io.rootscope.backend.graph;

import com.fasterxml.jackson.databind.JsonNode;
import io.rootscope.backend.db.ResultRows;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * Graph questions over the current topology in the AGE graph {@code ops}: the k-hop neighbourhood of a resource,
 * and its impact set (everything that depends on it, following edges towards it: callers, workloads running on a
 * host, devices linked to a device).
 *
 * <p>Read with SQL over the graph's label tables (vertices {@code ops."Resource"}, edges {@code ops._ag_label_edge} and
 * its children, indexed on their ends by V012) rather than with a Cypher variable-length pattern: AGE 1.5 joins every
 * path such a pattern finds with every vertex of the graph to find its end (720k calls for a 2-hop neighbourhood at 10k
 * vertices, 100-400 ms), while a breadth-first walk over the indexed ends takes a few milliseconds. Same answers: a
 * resource within {@code hops} edges by some walk is within {@code hops} edges by a path.
 */
public final class OpsGraphReader {

    public static final int MAX_HOPS = 5;

    public record Node(String urn, String type, String name) {
    }

    public record Edge(String src, String dst, String relation, JsonNode properties) {
    }

    public record Subgraph(List<Node> nodes, List<Edge> edges) {
    }

    /** The neighbours of vertex r one step on, in either direction. */
    private static final String EITHER_WAY = """
            SELECT end_id AS id FROM ops._ag_label_edge WHERE start_id = r.id
            UNION ALL
            SELECT start_id FROM ops._ag_label_edge WHERE end_id = r.id""";

    /** The vertices with an edge towards vertex r. */
    private static final String TOWARDS = "SELECT start_id AS id FROM ops._ag_label_edge WHERE end_id = r.id";

    /**
     * The reached vertices of the tenant (kind 'v': id, properties) and every edge among them (kind 'e': label, start,
     * end, properties). Parameters: the start vertex's key, the hop bound, the tenant.
     */
    private static final String SUBGRAPH = """
            WITH RECURSIVE reach (id, depth) AS (
                SELECT id, 0 FROM ops."Resource" WHERE properties @> {0}::ag_catalog.agtype
              UNION
                SELECT n.id, r.depth + 1 FROM reach r CROSS JOIN LATERAL (%s) n WHERE r.depth < {1}
            ), members AS (
                -- Each reached vertex by its id (OFFSET 0 keeps the lookup per vertex): as a join, the planner read every
                -- vertex of the tenant through the properties index and hashed them, ~5 ms at 10k vertices.
                SELECT v.id, v.properties FROM (SELECT DISTINCT id FROM reach) r
                 CROSS JOIN LATERAL (SELECT v.id, v.properties FROM ops."Resource" v
                                      WHERE v.id = r.id AND v.properties @> {2}::ag_catalog.agtype OFFSET 0) v
            )
            SELECT 'v' AS kind, NULL AS label, m.id::text AS src, NULL AS dst, m.properties AS properties FROM members m
            UNION ALL
            SELECT 'e', l.name::text, e.start_id::text, e.end_id::text, e.properties
              FROM ops._ag_label_edge e JOIN ag_catalog.ag_label l ON l.relation = e.tableoid
             WHERE e.start_id IN (SELECT id FROM members) AND e.end_id IN (SELECT id FROM members)""";

    private final DSLContext db;

    public OpsGraphReader(DSLContext db) {
        this.db = db;
    }

    /** {@code urn} and every resource within {@code hops} edges of it, in either direction. */
    public Subgraph neighbourhood(long tenantId, String urn, int hops) {
        return around(tenantId, urn, hops, EITHER_WAY);
    }

    /** {@code urn} and every resource with a path of at most {@code hops} edges towards it. */
    public Subgraph impact(long tenantId, String urn, int hops) {
        return around(tenantId, urn, hops, TOWARDS);
    }

    private Subgraph around(long tenantId, String urn, int hops, String step) {
        if (hops < 1 || hops > MAX_HOPS) {
            throw new IllegalArgumentException("hops must be between 1 and " + MAX_HOPS + ", got " + hops);
        }
        Map<String, String> urnById = new HashMap<>();
        List<Node> nodes = new ArrayList<>();
        List<String[]> edgeRows = new ArrayList<>();
        List<JsonNode> edgeProperties = new ArrayList<>();
        // The step is one of two constants: only values are parameters.
        ResultRows.forEach(db.resultQuery(SUBGRAPH.formatted(step), agtype(Map.of("tenant", tenantId, "urn", urn)), DSL.val(hops),
                agtype(Map.of("tenant", tenantId))), rows -> {
            JsonNode properties = Agtype.parse(rows.getString("properties"));
            if ("v".equals(rows.getString("kind"))) {
                Node node = new Node(properties.path("urn").asText(), properties.path("type").asText(null),
                        properties.path("name").asText(null));
                urnById.put(rows.getString("src"), node.urn());
                nodes.add(node);
            } else {
                edgeRows.add(new String[] {rows.getString("src"), rows.getString("dst"), rows.getString("label")});
                edgeProperties.add(properties);
            }
        });
        List<Edge> edges = new ArrayList<>();
        for (int i = 0; i < edgeRows.size(); i++) {
            String[] row = edgeRows.get(i);
            edges.add(new Edge(urnById.get(row[0]), urnById.get(row[1]), row[2], edgeProperties.get(i)));
        }
        return new Subgraph(nodes, edges);
    }

    /** An agtype map as a text bind value, which the query casts. */
    private static Field<String> agtype(Map<String, ?> properties) {
        return DSL.val(Agtype.text(properties));
    }
}
