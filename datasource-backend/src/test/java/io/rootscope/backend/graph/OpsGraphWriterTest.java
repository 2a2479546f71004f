package io.rootscope.backend.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rootscope.backend.testing.Rows;
import io.rootscope.backend.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Graph writes as the non-superuser application role: re-running a write adds nothing and keeps properties. */
class OpsGraphWriterTest {

    private static DataSource db;

    @BeforeAll
    static void setUp() {
        db = TestDatabase.shared().dataSource();
    }

    @Test
    void rerunningResourceAndEdgeWritesCreatesNoDuplicates() throws SQLException {
        String a = "urn:k8s:svc:graph/front-end";
        String b = "urn:k8s:svc:graph/carts";
        try (Connection connection = db.getConnection()) {
            OpsGraphWriter graph = new OpsGraphWriter(connection);
            for (int run = 0; run < 3; run++) {
                graph.upsertResource(1, a, "service", "front-end");
                graph.upsertResource(1, b, "service", "carts");
                boolean created = graph.upsertEdge(1, GraphRelation.CALLS, a, b, Map.of("rps", 12.5, "err_rate", 0.01));
                assertEquals(run == 0, created, "run " + run);
            }
        }
        assertEquals("1", cypherCount("MATCH (n:Resource {urn: 'urn:k8s:svc:graph/front-end'}) RETURN count(n)"));
        assertEquals("1", cypherCount("MATCH (:Resource {urn: 'urn:k8s:svc:graph/front-end'})-[e:CALLS]->(:Resource {urn: 'urn:k8s:svc:graph/carts'}) RETURN count(e)"));
        assertEquals("12.5", cypherCount("MATCH (:Resource {urn: 'urn:k8s:svc:graph/front-end'})-[e:CALLS]->() RETURN e.rps"));
    }

    @Test
    void updatingSomePropertiesKeepsTheOthers() throws SQLException {
        String host = "urn:host:graph-node-1";
        String pod = "urn:k8s:pod:graph/carts-1";
        try (Connection connection = db.getConnection()) {
            OpsGraphWriter graph = new OpsGraphWriter(connection);
            graph.upsertResource(1, host, "host", "graph-node-1");
            graph.upsertResource(1, pod, "pod", "carts-1");
            assertTrue(graph.upsertEdge(1, GraphRelation.RUNS_ON, pod, host, Map.of("since", "2026-11-01", "zone", "a")));
            assertFalse(graph.upsertEdge(1, GraphRelation.RUNS_ON, pod, host, Map.of("zone", "b")));
            graph.upsertResource(1, host, "host", "renamed-node");
        }
        String edge = "MATCH (:Resource {urn: 'urn:k8s:pod:graph/carts-1'})-[e:RUNS_ON]->() RETURN ";
        assertEquals("\"2026-11-01\"", cypherCount(edge + "e.since"));
        assertEquals("\"b\"", cypherCount(edge + "e.zone"));
        assertEquals("\"renamed-node\"", cypherCount("MATCH (n:Resource {urn: 'urn:host:graph-node-1'}) RETURN n.name"));
        assertEquals("\"host\"", cypherCount("MATCH (n:Resource {urn: 'urn:host:graph-node-1'}) RETURN n.type"));
    }

    @Test
    void edgeBetweenUnknownResourcesIsAnErrorNotASilentNoOp() throws SQLException {
        try (Connection connection = db.getConnection()) {
            OpsGraphWriter graph = new OpsGraphWriter(connection);
            SQLException missing = assertThrows(SQLException.class,
                    () -> graph.upsertEdge(1, GraphRelation.CONNECTS_TO, "urn:net:device:nowhere", "urn:net:device:never", Map.of()));
            assertTrue(missing.getMessage().contains("both vertices must exist"), missing.getMessage());
        }
    }

    @Test
    void rejectsPropertyNamesThatAreNotIdentifiers() throws SQLException {
        try (Connection connection = db.getConnection()) {
            OpsGraphWriter graph = new OpsGraphWriter(connection);
            IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                    () -> graph.upsertEdge(1, GraphRelation.CALLS, "urn:k8s:svc:graph/a", "urn:k8s:svc:graph/b", Map.of("rps}) DETACH DELETE (a", 1)));
            assertTrue(bad.getMessage().contains("graph property name"), bad.getMessage());
        }
    }

    @Test
    void deletesAnEdgeOnce() throws SQLException {
        String a = "urn:k8s:svc:graph/orders";
        String b = "urn:k8s:svc:graph/payment";
        try (Connection connection = db.getConnection()) {
            OpsGraphWriter graph = new OpsGraphWriter(connection);
            graph.upsertResource(1, a, "service", "orders");
            graph.upsertResource(1, b, "service", "payment");
            graph.upsertEdge(1, GraphRelation.CALLS, a, b, Map.of("rps", 1.0));
            assertTrue(graph.deleteEdge(1, GraphRelation.CALLS, a, b));
            assertFalse(graph.deleteEdge(1, GraphRelation.CALLS, a, b));
        }
        assertEquals("1", cypherCount("MATCH (n:Resource {urn: 'urn:k8s:svc:graph/payment'}) RETURN count(n)"));
    }

    private static String cypherCount(String cypher) throws SQLException {
        return Rows.single(db, "SELECT * FROM ag_catalog.cypher('ops', $$ " + cypher + " $$) AS (v ag_catalog.agtype)");
    }
}
