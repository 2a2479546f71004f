package io.rootscope.backend.query;

import static io.rootscope.backend.testing.Frames.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.rootscope.backend.graph.GraphRelation;
import io.rootscope.backend.graph.OpsGraphWriter;
import io.rootscope.backend.protocol.QueryLimits;
import io.rootscope.backend.query.kinds.TopologyQuery;
import io.rootscope.backend.testing.Rows;
import io.rootscope.backend.testing.TestBackend;
import io.rootscope.backend.testing.TestBackend.Response;
import io.rootscope.backend.testing.TestDatabase;
import java.sql.Connection;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The topology's node limit: a tenant larger than the limit is answered with its most important part (call traffic, then
 * relations), the relations among it and a notice saying how to narrow the question; bad limits are a 400.
 */
class TopologyLimitTest {

    private static final String TENANT = "toplimit";
    private static final int PODS = 240;
    private static TestBackend backend;
    private static DataSource db;
    private static long tenantId;
    private static Instant now;

    /**
     * Services s0 → s1 (40 rps) → s2 (10 rps) and s3 → s4 (1 rps); PODS pods on four hosts h0..h3 (RUNS_ON, no traffic).
     * In the AGE graph: s0 → s1 → s2 → s3 → s4 → s5, a chain whose far end carries the traffic.
     */
    @BeforeAll
    static void start() throws Exception {
        db = TestDatabase.shared().dataSource();
        now = Instant.now();
        tenantId = Long.parseLong(Rows.single(db, "INSERT INTO dim_tenant (code, name) VALUES ('" + TENANT + "', 'T') RETURNING tenant_id"));
        Rows.execute(db, """
                INSERT INTO dim_resource (tenant_id, urn, type, name)
                SELECT %1$s, 'urn:k8s:svc:tl/s' || i, 'service', 's' || i FROM generate_series(0, 5) AS i
                UNION ALL SELECT %1$s, 'urn:host:tl-h' || i, 'host', 'h' || i FROM generate_series(0, 3) AS i
                UNION ALL SELECT %1$s, 'urn:k8s:pod:tl/p' || i, 'pod', 'p' || i FROM generate_series(0, %2$s - 1) AS i"""
                .formatted(tenantId, PODS));
        Rows.execute(db, """
                INSERT INTO topo_edge_time (tenant_id, src_resource_id, dst_resource_id, relation, valid, source, props)
                SELECT %1$s, s.resource_id, d.resource_id, e.relation, tstzrange('%2$s'::timestamptz - interval '1 day', NULL), 'test', e.props
                  FROM (VALUES ('urn:k8s:svc:tl/s0', 'urn:k8s:svc:tl/s1', 'CALLS', '{"rps": 40, "err_rate": 0.01}'::jsonb),
                               ('urn:k8s:svc:tl/s1', 'urn:k8s:svc:tl/s2', 'CALLS', '{"rps": 10}'),
                               ('urn:k8s:svc:tl/s3', 'urn:k8s:svc:tl/s4', 'CALLS', '{"rps": 1}')) AS e (src, dst, relation, props)
                  JOIN dim_resource s ON s.tenant_id = %1$s AND s.urn = e.src
                  JOIN dim_resource d ON d.tenant_id = %1$s AND d.urn = e.dst
                UNION ALL
                SELECT %1$s, p.resource_id, h.resource_id, 'RUNS_ON', tstzrange('%2$s'::timestamptz - interval '1 day', NULL), 'test', '{}'
                  FROM dim_resource p JOIN dim_resource h ON h.tenant_id = %1$s AND h.urn = 'urn:host:tl-h' || (substr(p.name, 2)::int %% 4)
                 WHERE p.tenant_id = %1$s AND p.type = 'pod'""".formatted(tenantId, now));
        try (Connection connection = db.getConnection()) {
            OpsGraphWriter graph = new OpsGraphWriter(connection);
            for (int i = 0; i <= 5; i++) {
                graph.upsertResource(tenantId, "urn:k8s:svc:tl/s" + i, "service", "s" + i);
            }
            for (int i = 0; i < 5; i++) {
                graph.upsertEdge(tenantId, GraphRelation.CALLS, "urn:k8s:svc:tl/s" + i, "urn:k8s:svc:tl/s" + (i + 1),
                        Map.of("rps", i == 4 ? 100.0 : 1.0, "err_rate", 0.0));
            }
        }
        backend = new TestBackend(Optional.empty());
    }

    @AfterAll
    static void stop() {
        backend.close();
    }

    @Test
    void aLargeTenantIsCappedAtTheDefaultLimitWithANotice() throws Exception {
        List<JsonNode> frames = topology("{}");
        JsonNode nodes = frames.get(0);
        assertEquals(TopologyQuery.LIMIT_DEFAULT, values(nodes, "id").size());
        assertEquals(PODS + 4 + 5, nodes.at("/meta/custom/nodes").asInt(), "every resource with a relation at T");
        assertTrue(nodes.at("/meta/custom/truncated").asBoolean());
        String notice = nodes.at("/meta/notices/0/text").asText();
        assertEquals("warning", nodes.at("/meta/notices/0/severity").asText());
        assertTrue(notice.startsWith("Showing 200 of 249 resources"), notice);
        assertTrue(notice.contains("resource with hops") && notice.contains("one relation") && notice.contains("limit"), notice);
        // Traffic first: the five calling services, then the hosts (60 pods each), then pods.
        assertEquals(List.of("urn:k8s:svc:tl/s1", "urn:k8s:svc:tl/s0", "urn:k8s:svc:tl/s2", "urn:k8s:svc:tl/s3", "urn:k8s:svc:tl/s4"),
                values(nodes, "id").subList(0, 5));
        assertTrue(values(nodes, "id").subList(5, 9).stream().allMatch(id -> id.startsWith("urn:host:")), values(nodes, "id").toString());
        Set<String> kept = new TreeSet<>(values(nodes, "id"));
        JsonNode edges = frames.get(1);
        for (int e = 0; e < values(edges, "id").size(); e++) {
            assertTrue(kept.contains(values(edges, "source").get(e)) && kept.contains(values(edges, "target").get(e)), "edge " + e);
        }
        assertEquals(3 + (TopologyQuery.LIMIT_DEFAULT - 9), values(edges, "id").size(), "the calls and each kept pod's host");
    }

    @Test
    void aSmallLimitKeepsTheBusiestCallsAndAGraphWithinItHasNoNotice() throws Exception {
        List<JsonNode> frames = topology("{\"limit\":3}");
        assertEquals(List.of("urn:k8s:svc:tl/s1", "urn:k8s:svc:tl/s0", "urn:k8s:svc:tl/s2"), values(frames.get(0), "id"));
        assertEquals(List.of("40.0 rps, 1.0% err", "10.0 rps, 0.0% err"), values(frames.get(1), "mainstat"));

        List<JsonNode> calls = topology("{\"relation\":\"calls\",\"limit\":5}");
        assertEquals(5, values(calls.get(0), "id").size());
        assertFalse(calls.get(0).at("/meta/custom/truncated").asBoolean());
        assertTrue(calls.get(0).at("/meta/notices").isMissingNode(), calls.get(0).toString());
        assertEquals(List.of("urn:k8s:svc:tl/s0", "urn:k8s:svc:tl/s1", "urn:k8s:svc:tl/s3"), values(calls.get(1), "source"),
                "edges as topology_at orders them");
    }

    @Test
    void aNeighbourhoodIsCappedNearestFirst() throws Exception {
        List<JsonNode> frames = topology("{\"resource\":\"urn:k8s:svc:tl/s2\",\"hops\":3,\"limit\":3}");
        // s1 and s3 are one hop away; s5 (behind the busiest call) is three hops away.
        List<String> ids = values(frames.get(0), "id");
        assertEquals("urn:k8s:svc:tl/s2", ids.get(0));
        assertEquals(Set.of("urn:k8s:svc:tl/s1", "urn:k8s:svc:tl/s3"), Set.copyOf(ids.subList(1, 3)));
        assertTrue(frames.get(0).at("/meta/notices/0/text").asText().contains("within 3 hops of urn:k8s:svc:tl/s2"));
        List<JsonNode> impact = topology("{\"resource\":\"urn:k8s:svc:tl/s2\",\"hops\":3,\"mode\":\"impact\",\"limit\":2}");
        assertEquals(List.of("urn:k8s:svc:tl/s2", "urn:k8s:svc:tl/s1"), values(impact.get(0), "id"), "only callers depend on s2");
    }

    @Test
    void aNewEdgeIsVisibleAtOnce() throws Exception {
        topology("{\"relation\":\"calls\"}");
        Rows.execute(db, """
                INSERT INTO topo_edge_time (tenant_id, src_resource_id, dst_resource_id, relation, valid, source, props)
                SELECT %1$s, s.resource_id, d.resource_id, 'CALLS', tstzrange('%2$s'::timestamptz - interval '1 hour', NULL), 'test', '{"rps": 2}'
                  FROM dim_resource s, dim_resource d
                 WHERE s.tenant_id = %1$s AND s.urn = 'urn:k8s:svc:tl/s4' AND d.tenant_id = %1$s AND d.urn = 'urn:k8s:svc:tl/s5'"""
                .formatted(tenantId, now));
        List<JsonNode> calls = topology("{\"relation\":\"calls\"}");
        assertTrue(values(calls.get(0), "id").contains("urn:k8s:svc:tl/s5"), "the cached edges were read again");
        assertEquals(4, values(calls.get(1), "id").size());
        Rows.execute(db, "DELETE FROM topo_edge_time WHERE tenant_id = " + tenantId + " AND props ->> 'rps' = '2'");
    }

    @Test
    void aBadLimitIsA400NamingIt() throws Exception {
        for (String limit : List.of("0", "-3", String.valueOf(QueryLimits.MAX_GRAPH_NODES_DEFAULT + 1), "\"many\"")) {
            Response response = backend.post("/query", body("{\"limit\":" + limit + "}"), TENANT);
            assertEquals(400, response.status(), limit + ": " + response.text());
            assertEquals("payload.limit", response.body().get("field").asText(), response.text());
        }
        Response max = backend.post("/query", body("{\"limit\":" + QueryLimits.MAX_GRAPH_NODES_DEFAULT + "}"), TENANT);
        assertEquals(200, max.status(), max.text());
        assertEquals(PODS + 9, values(max.body().get(0), "id").size());
    }

    private static List<JsonNode> topology(String payload) throws Exception {
        return backend.frames(body(payload), TENANT);
    }

    private static String body(String payload) {
        return TestBackend.queryBody(now.minus(1, ChronoUnit.HOURS), now, "topology", payload);
    }
}
