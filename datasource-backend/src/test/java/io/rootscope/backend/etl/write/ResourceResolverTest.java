package io.rootscope.backend.etl.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rootscope.analytics.topology.Urn;
import io.rootscope.backend.etl.TestTenant;
import io.rootscope.backend.testing.Rows;
import io.rootscope.backend.testing.TestDatabase;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class ResourceResolverTest {

    private final DataSource db = TestDatabase.shared().dataSource();

    @Test
    void resolvesEachUrnToOneRowPerTenantAcrossResolvers() throws SQLException {
        TestTenant a = TestTenant.create(db, "resolver");
        TestTenant b = TestTenant.create(db, "resolver");
        ObservedResource carts = ObservedResource.service(Urn.k8sService("sock-shop", "carts"));
        ObservedResource node = ObservedResource.of(Urn.host("node-1"), "host");

        Map<String, Long> first = new ResourceResolver(db).resolveAll(a.id(), List.of(carts, node, carts));
        long again = new ResourceResolver(db).resolve(a.id(), carts);
        long otherTenant = new ResourceResolver(db).resolve(b.id(), carts);

        assertEquals(2, first.size());
        assertEquals(first.get("urn:k8s:svc:sock-shop/carts"), again);
        assertNotEquals(again, otherTenant);
        assertEquals("2", Rows.single(db, "SELECT count(*) FROM dim_resource WHERE tenant_id = " + a.id()));
        assertEquals("host|node-1", Rows.single(db, "SELECT type || '|' || name FROM dim_resource WHERE urn = 'urn:host:node-1' AND tenant_id = " + a.id()));
    }

    @Test
    void answersFromItsCacheWithoutTheDatabase() throws SQLException {
        TestTenant tenant = TestTenant.create(db, "resolver");
        ResourceResolver resolver = new ResourceResolver(db);
        long id = resolver.resolve(tenant.id(), ObservedResource.service(Urn.k8sService("ns", "orders")));
        // A row deleted behind the resolver's back proves the second answer came from the cache.
        Rows.execute(db, "DELETE FROM dim_resource WHERE resource_id = " + id);
        assertEquals(id, resolver.resolve(tenant.id(), ObservedResource.service(Urn.k8sService("ns", "orders"))));
    }

    @Test
    void rejectsUrnsTheSchemaWouldRefuseNamingTheField() {
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> new ObservedResource("urn:k8s:svc:has space", "service", "x"));
        assertTrue(bad.getMessage().startsWith("urn must"), bad.getMessage());
    }
}
