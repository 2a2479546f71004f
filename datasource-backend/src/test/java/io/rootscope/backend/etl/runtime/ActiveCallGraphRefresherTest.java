package io.rootscope.backend.etl.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rootscope.analytics.topology.Urn;
import io.rootscope.backend.etl.TestTenant;
import io.rootscope.backend.etl.write.ObservedResource;
import io.rootscope.backend.etl.write.ResourceResolver;
import io.rootscope.backend.graph.GraphRelation;
import io.rootscope.backend.graph.OpsGraphWriter;
import io.rootscope.backend.testing.LockWaits;
import io.rootscope.backend.testing.Rows;
import io.rootscope.backend.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class ActiveCallGraphRefresherTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:07:00Z");
    private final DataSource db = TestDatabase.shared().dataSource();

    @Test
    void keepsCallsSeenInTheLastTenMinutesWithTheirLatestStatsAndDeletesTheRest() throws SQLException {
        long tenant = TestTenant.create(db, "callgraph").id();
        ResourceResolver resolver = new ResourceResolver(db);
        long front = resolver.resolve(tenant, ObservedResource.service(Urn.k8sService("cg", "front-end")));
        long carts = resolver.resolve(tenant, ObservedResource.service(Urn.k8sService("cg", "carts")));
        long orders = resolver.resolve(tenant, ObservedResource.service(Urn.k8sService("cg", "orders")));
        long user = resolver.resolve(tenant, ObservedResource.service(Urn.k8sService("cg", "user")));
        Rows.execute(db, """
                INSERT INTO service_call_5m (bucket, tenant_id, src_resource_id, dst_resource_id, call_count, rps, err_rate, p50_ms, p95_ms)
                VALUES ('2026-11-22T09:55:00Z', %1$d, %2$d, %3$d, 300, 1, 0, 5, 40),
                       ('2026-11-22T10:05:00Z', %1$d, %2$d, %3$d, 600, 2, 0.1, 6, 50),
                       -- Ended 09:57, exactly ten minutes ago: no longer active.
                       ('2026-11-22T09:50:00Z', %1$d, %2$d, %4$d, 60, 0.2, 0, 5, 20),
                       ('2026-11-22T10:00:00Z', %1$d, %4$d, %5$d, 30, 0.1, 0, 5, 30)""".formatted(tenant, front, carts, orders, user));
        try (Connection connection = db.getConnection()) {
            OpsGraphWriter graph = new OpsGraphWriter(connection);
            graph.upsertResource(tenant, "urn:k8s:svc:cg/front-end", "service", "front-end");
            graph.upsertResource(tenant, "urn:k8s:svc:cg/orders", "service", "orders");
            graph.upsertEdge(tenant, GraphRelation.CALLS, "urn:k8s:svc:cg/front-end", "urn:k8s:svc:cg/orders", Map.of("rps", 0.2));

            ActiveCallGraphRefresher refresher = new ActiveCallGraphRefresher();
            assertEquals(new ActiveCallGraphRefresher.Refresh(2, 1), refresher.refresh(connection, tenant, NOW));
            assertEquals(new ActiveCallGraphRefresher.Refresh(2, 0), refresher.refresh(connection, tenant, NOW));
        }
        assertEquals(List.of("\"urn:k8s:svc:cg/front-end\"|\"urn:k8s:svc:cg/carts\"|2.0|0.1|50.0|\"2026-11-22T10:10:00Z\"",
                        "\"urn:k8s:svc:cg/orders\"|\"urn:k8s:svc:cg/user\"|0.1|0.0|30.0|\"2026-11-22T10:05:00Z\""),
                Rows.column(db, "SELECT concat_ws('|', src, dst, rps, err, p95, seen) FROM ag_catalog.cypher('ops', $$"
                        + " MATCH (a:Resource {tenant: " + tenant + "})-[e:CALLS]->(b) RETURN a.urn, b.urn, e.rps, e.err_rate, e.p95_ms, e.last_seen ORDER BY a.urn $$)"
                        + " AS (src ag_catalog.agtype, dst ag_catalog.agtype, rps ag_catalog.agtype, err ag_catalog.agtype, p95 ag_catalog.agtype, seen ag_catalog.agtype)"));
    }

    /**
     * Another replica's topology window writes the tenant's graph while this one refreshes it: the refresh waits for the
     * window's transaction instead of updating a vertex the window updates next (their vertices in opposite orders used
     * to deadlock), and neither creates a vertex or edge twice.
     */
    @Test
    void aRefreshWaitsForAnotherTransactionWritingTheTenantsGraph() throws Exception {
        long tenant = TestTenant.create(db, "callgraph-locks").id();
        ResourceResolver resolver = new ResourceResolver(db);
        Urn front = Urn.k8sService("cgl", "front-end");
        Urn carts = Urn.k8sService("cgl", "carts");
        long frontId = resolver.resolve(tenant, ObservedResource.service(front));
        long cartsId = resolver.resolve(tenant, ObservedResource.service(carts));
        Rows.execute(db, """
                INSERT INTO service_call_5m (bucket, tenant_id, src_resource_id, dst_resource_id, call_count, rps, err_rate, p50_ms, p95_ms)
                VALUES ('2026-11-22T10:05:00Z', %d, %d, %d, 600, 2, 0.1, 6, 50)""".formatted(tenant, frontId, cartsId));
        try (Connection setup = db.getConnection()) {
            OpsGraphWriter graph = new OpsGraphWriter(setup);
            graph.upsertResource(tenant, front.format(), "service", "front-end");
            graph.upsertResource(tenant, carts.format(), "service", "carts");
        }
        try (Connection window = db.getConnection(); Connection refresh = db.getConnection()) {
            window.setAutoCommit(false);
            refresh.setAutoCommit(false);
            int refreshPid = LockWaits.pid(refresh);
            OpsGraphWriter windowGraph = new OpsGraphWriter(window);
            windowGraph.lockTenant(tenant);
            // The refresh updates front-end, then carts: the window updates them the other way round.
            windowGraph.upsertResource(tenant, carts.format(), "service", "carts");
            CompletableFuture<ActiveCallGraphRefresher.Refresh> refreshed = CompletableFuture.supplyAsync(() -> {
                try {
                    ActiveCallGraphRefresher.Refresh done = new ActiveCallGraphRefresher().refresh(refresh, tenant, NOW);
                    refresh.commit();
                    return done;
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            LockWaits.awaitLockWait(db, refreshPid);
            windowGraph.upsertResource(tenant, front.format(), "service", "front-end");
            windowGraph.upsertEdge(tenant, GraphRelation.CALLS, front.format(), carts.format(), Map.of("source", "traces"));
            window.commit();
            assertEquals(new ActiveCallGraphRefresher.Refresh(1, 0), refreshed.get(60, TimeUnit.SECONDS));
        }
        assertEquals(List.of("2", "1"), Rows.column(db, "SELECT n::text FROM ag_catalog.cypher('ops', $$"
                + " MATCH (a:Resource {tenant: " + tenant + "}) RETURN count(a) UNION ALL"
                + " MATCH (:Resource {tenant: " + tenant + "})-[e:CALLS]->() RETURN count(e) $$) AS (n ag_catalog.agtype)"),
                "two vertices, one edge");
    }
}
