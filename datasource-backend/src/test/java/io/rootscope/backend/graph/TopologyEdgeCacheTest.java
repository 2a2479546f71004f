package io.rootscope.backend.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.rootscope.backend.testing.Rows;
import io.rootscope.backend.testing.TestDatabase;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tenants' edges stay in memory while unchanged, are read again once anyone (another replica) changed them, and the least
 * recently used ones go once the budget is exceeded.
 */
class TopologyEdgeCacheTest {

    private static final int EDGES = 5;
    private static DSLContext db;
    private static long first;
    private static long second;

    @BeforeAll
    static void twoTenants() throws Exception {
        DataSource dataSource = TestDatabase.shared().dataSource();
        db = DSL.using(dataSource, SQLDialect.POSTGRES);
        first = tenantWithACallChain(dataSource, "edgecache1");
        second = tenantWithACallChain(dataSource, "edgecache2");
    }

    @Test
    void unchangedEdgesAreServedFromMemory() {
        TopologyEdgeCache cache = new TopologyEdgeCache();
        TopologyEdgeCache.Edges edges = cache.edges(db, first);
        assertEquals(EDGES, edges.size());
        cache.edges(db, second);
        assertSame(edges, cache.edges(db, first));
    }

    @Test
    void edgesAnotherReplicaWroteAreSeenByTheNextRead() throws Exception {
        DataSource dataSource = TestDatabase.shared().dataSource();
        long tenant = tenantWithACallChain(dataSource, "edgecache3");
        TopologyEdgeCache cache = new TopologyEdgeCache();
        TopologyEdgeCache.Edges before = cache.edges(db, tenant);
        assertEquals(EDGES, before.size());
        // Another replica's ETL closes one interval and opens a new one, through its own connection: the revision moves.
        Rows.execute(dataSource, """
                UPDATE topo_edge_time SET valid = tstzrange(lower(valid), now()) WHERE tenant_id = %1$s AND dst_resource_id =
                       (SELECT resource_id FROM dim_resource WHERE tenant_id = %1$s AND urn = 'urn:k8s:svc:edgecache3/s1')"""
                .formatted(tenant));
        Rows.execute(dataSource, """
                INSERT INTO topo_edge_time (tenant_id, src_resource_id, dst_resource_id, relation, valid, source, props)
                SELECT %1$s, s.resource_id, d.resource_id, 'CALLS', tstzrange(now(), NULL), 'test', '{}'
                  FROM dim_resource s, dim_resource d
                 WHERE s.tenant_id = %1$s AND s.urn = 'urn:k8s:svc:edgecache3/s0' AND d.tenant_id = %1$s AND d.urn = 'urn:k8s:svc:edgecache3/s5'"""
                .formatted(tenant));
        TopologyEdgeCache.Edges after = cache.edges(db, tenant);
        assertNotSame(before, after, "read again: the tenant's topology revision moved");
        assertEquals(EDGES + 1, after.size());
        assertEquals(1, IntStream.range(0, after.size())
                .filter(e -> after.validTo()[e] != Long.MAX_VALUE).count(), "the closed interval is closed in memory too");
    }

    @Test
    void theLeastRecentlyUsedTenantIsDroppedOverTheBudget() {
        TopologyEdgeCache cache = new TopologyEdgeCache(EDGES + 1);
        TopologyEdgeCache.Edges edges = cache.edges(db, first);
        TopologyEdgeCache.Edges other = cache.edges(db, second);
        assertSame(other, cache.edges(db, second), "one tenant over the budget is kept");
        TopologyEdgeCache.Edges again = cache.edges(db, first);
        assertNotSame(edges, again, "dropped for the second tenant, so read again");
        assertEquals(EDGES, again.size());
    }

    private static long tenantWithACallChain(DataSource dataSource, String code) throws Exception {
        long tenantId = Long.parseLong(Rows.single(dataSource,
                "INSERT INTO dim_tenant (code, name) VALUES ('" + code + "', 'T') RETURNING tenant_id"));
        Rows.execute(dataSource, """
                INSERT INTO dim_resource (tenant_id, urn, type, name)
                SELECT %1$s, 'urn:k8s:svc:%2$s/s' || i, 'service', 's' || i FROM generate_series(0, %3$s) AS i"""
                .formatted(tenantId, code, EDGES));
        Rows.execute(dataSource, """
                INSERT INTO topo_edge_time (tenant_id, src_resource_id, dst_resource_id, relation, valid, source, props)
                SELECT %1$s, s.resource_id, d.resource_id, 'CALLS', tstzrange(now() - interval '1 hour', NULL), 'test', '{}'
                  FROM generate_series(0, %3$s - 1) AS i
                  JOIN dim_resource s ON s.tenant_id = %1$s AND s.urn = 'urn:k8s:svc:%2$s/s' || i
                  JOIN dim_resource d ON d.tenant_id = %1$s AND d.urn = 'urn:k8s:svc:%2$s/s' || (i + 1)"""
                .formatted(tenantId, code, EDGES));
        return tenantId;
    }
}
