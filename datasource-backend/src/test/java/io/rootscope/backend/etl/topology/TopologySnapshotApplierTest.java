package io.rootscope.backend.etl.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rootscope.backend.etl.MutableClock;
import io.rootscope.backend.etl.TestTenant;
import io.rootscope.backend.etl.runtime.CircuitBreaker;
import io.rootscope.backend.etl.runtime.EtlMetrics;
import io.rootscope.backend.etl.runtime.EtlWindow;
import io.rootscope.backend.etl.runtime.JobRunStore;
import io.rootscope.backend.etl.runtime.RetryPolicy;
import io.rootscope.backend.etl.runtime.SourceUnavailableException;
import io.rootscope.backend.etl.runtime.WindowRun;
import io.rootscope.backend.etl.runtime.WindowRunStatus;
import io.rootscope.backend.etl.runtime.WindowRunner;
import io.rootscope.backend.etl.runtime.WindowSchedule;
import io.rootscope.backend.etl.write.ResourceResolver;
import io.rootscope.backend.testing.Rows;
import io.rootscope.backend.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;

/** Temporal topology from a real Neo4j (over Bolt) and from inventory files, mirrored into AGE. */
class TopologySnapshotApplierTest {

    private static final Instant T1 = Instant.parse("2026-11-22T10:00:00Z");
    private static final Instant T2 = Instant.parse("2026-11-22T10:05:00Z");
    private static final Instant T3 = Instant.parse("2026-11-22T10:10:00Z");
    private final DataSource db = TestDatabase.shared().dataSource();
    private final TopologySnapshotApplier applier = new TopologySnapshotApplier(new ResourceResolver(db));

    @Test
    void neo4jSnapshotsOpenCloseAndReopenIntervalsAndTheGraphFollows() throws SQLException, SourceUnavailableException {
        Driver driver = Neo4jTestServer.driver();
        cypher(driver, "MATCH (n) DETACH DELETE n");
        cypher(driver, """
                CREATE (s1:Device {name: 'sw-1', type: 'switch'}), (s2:Device {name: 'sw-2', type: 'switch'}),
                       (r1:Device {name: 'router-1', type: 'router'}), (nameless:Device {type: 'switch'}),
                       (s1)-[:CONNECTS_TO {speed_gbps: 10}]->(s2), (s2)-[:CONNECTS_TO {speed_gbps: 1}]->(r1),
                       (nameless)-[:CONNECTS_TO]->(s1)""");
        Neo4jTopologySource neo4j = new Neo4jTopologySource(driver, null);
        long tenant = TestTenant.create(db, "topo").id();

        assertEquals(new TopologyChange(2, 0, 0, 2), apply(tenant, T1, neo4j.read()));
        cypher(driver, "MATCH (:Device {name: 'sw-2'})-[gone:CONNECTS_TO]->(:Device {name: 'router-1'}) DELETE gone");
        cypher(driver, "MATCH (:Device {name: 'sw-1'})-[upgraded:CONNECTS_TO]->(:Device {name: 'sw-2'}) SET upgraded.speed_gbps = 40");
        cypher(driver, "MATCH (r1:Device {name: 'router-1'}), (s1:Device {name: 'sw-1'}) CREATE (r1)-[:CONNECTS_TO {speed_gbps: 10}]->(s1)");
        assertEquals(new TopologyChange(2, 2, 0, 2), apply(tenant, T2, neo4j.read()));
        assertEquals(new TopologyChange(0, 0, 2, 2), apply(tenant, T3, neo4j.read()), "an unchanged snapshot changes nothing");
        TopologySnapshot unchanged = neo4j.read();
        IllegalArgumentException late = assertThrows(IllegalArgumentException.class, () -> apply(tenant, T2, unchanged));
        assertTrue(late.getMessage().startsWith("at: "), late.getMessage());

        assertEquals(List.of(
                        "router-1|sw-1|[\"2026-11-22 10:05:00+00\",)|{\"speed_gbps\": 10}",
                        "sw-1|sw-2|[\"2026-11-22 10:00:00+00\",\"2026-11-22 10:05:00+00\")|{\"speed_gbps\": 10}",
                        "sw-1|sw-2|[\"2026-11-22 10:05:00+00\",)|{\"speed_gbps\": 40}",
                        "sw-2|router-1|[\"2026-11-22 10:00:00+00\",\"2026-11-22 10:05:00+00\")|{\"speed_gbps\": 1}"),
                Rows.column(db, "SELECT s.name || '|' || d.name || '|' || e.valid || '|' || e.props FROM topo_edge_time e"
                        + " JOIN dim_resource s ON s.resource_id = e.src_resource_id JOIN dim_resource d ON d.resource_id = e.dst_resource_id"
                        + " WHERE e.tenant_id = " + tenant + " AND e.source = 'neo4j' ORDER BY 1"));
        assertEquals(List.of("\"urn:net:device:router-1\"|\"urn:net:device:sw-1\"|\"neo4j\"",
                        "\"urn:net:device:sw-1\"|\"urn:net:device:sw-2\"|\"neo4j\""),
                graphEdges(tenant, "CONNECTS_TO"));
    }

    @Test
    void inventoryFilesRunAsAWindowedJobAndAMissingFileIsRetried(@TempDir Path dir) throws IOException, SQLException {
        Path file = dir.resolve("inventory.json");
        long tenant = TestTenant.create(db, "inventory").id();
        MutableClock clock = new MutableClock(T3);
        WindowRunner runner = new WindowRunner(db, new JobRunStore(db), new CircuitBreaker(db), RetryPolicy.DEFAULT, new EtlMetrics(), clock);
        TopologyJob job = new TopologyJob("inventory-topology", new InventoryFileSource(file), applier,
                new WindowSchedule(Duration.ofMinutes(5), Duration.ZERO, Duration.ZERO, 1));

        WindowRun missing = runner.run(job, tenant, new EtlWindow(T1, T2));
        assertEquals(WindowRunStatus.RETRY_SCHEDULED, missing.status());
        assertTrue(missing.error().contains("unreadable"), missing.error());

        Files.writeString(file, inventory("node-1"));
        clock.advance(RetryPolicy.DEFAULT.backoff(1));
        assertEquals(WindowRunStatus.SUCCEEDED, runner.run(job, tenant, new EtlWindow(T1, T2)).status());
        Files.writeString(file, inventory("node-2")); // the pod moved
        WindowRun moved = runner.run(job, tenant, new EtlWindow(T2, T3));
        assertEquals(WindowRunStatus.SUCCEEDED, moved.status(), moved.error());
        assertEquals(2, moved.outcome().rowsWritten(), "one interval closed, one opened");

        assertEquals(List.of("carts-1|node-1|[\"2026-11-22 10:05:00+00\",\"2026-11-22 10:10:00+00\")",
                        "carts-1|node-2|[\"2026-11-22 10:10:00+00\",)"),
                Rows.column(db, "SELECT s.name || '|' || d.name || '|' || e.valid FROM topo_edge_time e"
                        + " JOIN dim_resource s ON s.resource_id = e.src_resource_id JOIN dim_resource d ON d.resource_id = e.dst_resource_id"
                        + " WHERE e.tenant_id = " + tenant + " AND e.relation = 'RUNS_ON' ORDER BY 1"));
        assertEquals(List.of("\"urn:k8s:pod:shop/carts-1\"|\"urn:host:node-2\"|\"inventory\""), graphEdges(tenant, "RUNS_ON"));
    }

    private static String inventory(String node) {
        return """
                {"resources": [{"urn": "urn:host:%1$s", "type": "host", "name": "%1$s"},
                               {"urn": "urn:k8s:pod:shop/carts-1", "type": "pod", "name": "carts-1"}],
                 "relations": [{"src": "urn:k8s:pod:shop/carts-1", "dst": "urn:host:%1$s", "relation": "RUNS_ON"}]}""".formatted(node);
    }

    private TopologyChange apply(long tenant, Instant at, TopologySnapshot snapshot) throws SQLException {
        try (Connection connection = db.getConnection()) {
            connection.setAutoCommit(false);
            TopologyChange change = applier.apply(connection, tenant, "neo4j", at, snapshot);
            connection.commit();
            return change;
        }
    }

    private List<String> graphEdges(long tenant, String relation) throws SQLException {
        return Rows.column(db, "SELECT concat_ws('|', a, b, s) FROM ag_catalog.cypher('ops', $$ MATCH (x:Resource {tenant: " + tenant
                + "})-[e:" + relation + "]->(y) RETURN x.urn, y.urn, e.source ORDER BY x.urn $$) AS (a ag_catalog.agtype, b ag_catalog.agtype, s ag_catalog.agtype)");
    }

    private static void cypher(Driver driver, String statement) {
        try (Session session = driver.session()) {
            session.executeWrite(tx -> tx.run(statement).consume());
        }
    }
}
