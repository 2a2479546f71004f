package io.rootscope.backend.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import io.rootscope.backend.testing.AnalystRoles;
import io.rootscope.backend.testing.IncidentScenario;
import io.rootscope.backend.testing.Rows;
import io.rootscope.backend.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.conf.Settings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Row-level security (V016): the read-only role sees only the rows of the tenant its session names — through every
 * table it can read, hypertable chunks read by name and AGE's graph tables included — and nothing without one.
 */
class RowLevelSecurityTest {

    /** Every table the read-only role can read, with how to tell a row's tenant. */
    private static final String READABLE = """
            SELECT format('%I.%I', n.nspname, c.relname) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE (n.nspname IN ('rootscope', 'ops') OR n.nspname = '_timescaledb_internal' AND c.relname LIKE '\\_hyper\\_%%')
               AND c.relkind IN ('r', 'p', 'v', 'm') AND has_table_privilege('rootscope_reader', c.oid, 'SELECT')""";

    private static IncidentScenario scenario;
    private static HikariDataSource asScenario;
    private static HikariDataSource asDefault;
    private static HikariDataSource unset;

    @BeforeAll
    static void seed() throws Exception {
        TestDatabase database = TestDatabase.shared();
        scenario = IncidentScenario.seeded();
        // The default tenant gets a few rows of its own in the fact tables.
        Rows.execute(database.dataSource(), """
                INSERT INTO dim_resource (tenant_id, urn, type, name) VALUES (1, 'urn:k8s:svc:rls/own', 'service', 'own') ON CONFLICT DO NOTHING;
                INSERT INTO metric_1m (bucket, tenant_id, resource_id, metric, avg_val, max_val, p95_val, sample_count)
                SELECT date_trunc('minute', now()) - interval '400 days', 1, resource_id, 'cpu', 1, 1, 1, 1
                  FROM dim_resource WHERE urn = 'urn:k8s:svc:rls/own' AND tenant_id = 1 ON CONFLICT DO NOTHING""");
        // ... in a chunk of its own, created after the migration: the lifecycle step gives it row security.
        Rows.execute(database.dataSource(), "CALL rootscope.enable_chunk_row_security()");
        asScenario = DataSourceFactory.create(AnalystRoles.forTenant(database, IncidentScenario.TENANT), "rls-scenario");
        asDefault = DataSourceFactory.create(AnalystRoles.forTenant(database, "default"), "rls-default");
        unset = DataSourceFactory.create(AnalystRoles.withoutTenant(database), "rls-unset");
    }

    @AfterAll
    static void close() {
        asScenario.close();
        asDefault.close();
        unset.close();
    }

    @Test
    void everyReadableTableCarriesRowSecurity() throws SQLException {
        List<String> open = Rows.column(TestDatabase.shared().dataSource(), READABLE + " AND NOT c.relrowsecurity ORDER BY 1");
        assertEquals(List.of(), open);
        List<String> secret = Rows.column(TestDatabase.shared().dataSource(), """
                SELECT c.relname FROM pg_class c WHERE c.relname IN ('api_token', 'api_token_tenant', 'etl_job_circuit', 'lifecycle_job')
                   AND has_table_privilege('rootscope_reader', c.oid, 'SELECT')""");
        assertEquals(List.of(), secret, "tables the read-only role has no reason to read");
    }

    @Test
    void aSessionOfOneTenantSeesNoRowOfAnother() throws SQLException {
        List<String> tables = Rows.column(TestDatabase.shared().dataSource(), READABLE + " ORDER BY 1");
        assertTrue(tables.contains("rootscope.metric_1m") && tables.contains("ops.\"Resource\""), tables.toString());
        assertTrue(tables.stream().anyMatch(t -> t.startsWith("_timescaledb_internal.")), "chunks are among them: " + tables);
        for (String table : tables) {
            if (table.startsWith("_timescaledb_internal.")) {
                assertEquals("0", Rows.single(asScenario, "SELECT count(*) FROM " + table), "chunk " + table + " read by name");
                continue;
            }
            List<Long> scenarioSees = tenantsSeen(asScenario, table);
            List<Long> defaultSees = tenantsSeen(asDefault, table);
            assertTrue(scenarioSees.stream().allMatch(t -> t == scenario.tenantId), table + " shows the scenario session " + scenarioSees);
            assertTrue(defaultSees.stream().allMatch(t -> t == 1L), table + " shows the default session " + defaultSees);
        }
        // Not vacuous: each session sees its own rows.
        assertEquals("5", Rows.single(asScenario, "SELECT count(*) FROM dim_resource"));
        assertEquals(List.of(IncidentScenario.TENANT), Rows.column(asScenario, "SELECT code FROM dim_tenant"));
        assertEquals("3", Rows.single(asScenario, "SELECT count(*) FROM evidence_link"));
        assertEquals("3", Rows.single(asScenario, "SELECT count(*) FROM rca_candidate"));
        assertEquals("5", Rows.single(asScenario, "SELECT count(*) FROM ag_catalog.cypher('ops', $$ MATCH (n:Resource) RETURN n $$) AS (n ag_catalog.agtype)"));
        assertEquals("3", Rows.single(asScenario, "SELECT count(*) FROM ag_catalog.cypher('ops', $$ MATCH ()-[e]->() RETURN e $$) AS (e ag_catalog.agtype)"));
        assertFalse(Rows.single(asDefault, "SELECT count(*) FROM metric_1m").equals("0"));
    }

    @Test
    void noTenantNoRows() throws SQLException {
        for (String table : Rows.column(TestDatabase.shared().dataSource(), READABLE + " ORDER BY 1")) {
            assertEquals("0", Rows.single(unset, "SELECT count(*) FROM " + table), table);
        }
        assertEquals("0", Rows.single(unset, "SELECT count(*) FROM ag_catalog.cypher('ops', $$ MATCH (n) RETURN n $$) AS (n ag_catalog.agtype)"));
    }

    @Test
    void theBackendsReaderScopesEachCheckout() throws SQLException {
        TestDatabase database = TestDatabase.shared();
        try (HikariDataSource pool = DataSourceFactory.create(new DatabaseSettings(database.readerSettings().jdbcUrl(),
                database.readerSettings().user(), database.readerSettings().password(), 1), "rls-backend")) {
            TenantReader readers = new TenantReader(ReadRouting.primaryOnly(pool), new Settings());
            DSLContext scoped = readers.forTenant(scenario.tenantId);
            assertEquals(5, scoped.fetchCount(scoped.selectFrom("rootscope.dim_resource")));
            // The same pooled connection (pool of one), next checked out unscoped: the previous tenant does not linger.
            DSLContext none = readers.unscoped();
            assertEquals(0, none.fetchCount(none.selectFrom("rootscope.dim_resource")));
            assertEquals(1, readers.forTenant(1).fetch("SELECT DISTINCT tenant_id FROM rootscope.dim_resource").size());
        }
    }

    /** The tenants of the rows {@code table} shows (a row without a tenant column has its parent's). */
    private static List<Long> tenantsSeen(DataSource db, String table) throws SQLException {
        String column = tenantColumn(table);
        List<Long> tenants = new ArrayList<>();
        try (Connection connection = db.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT DISTINCT " + column + " FROM " + table)) {
            while (rows.next()) {
                tenants.add(rows.getLong(1));
            }
        }
        return tenants;
    }

    private static String tenantColumn(String table) {
        return switch (table) {
            case "rootscope.evidence_link" -> "(SELECT tenant_id FROM rootscope.event_envelope e WHERE e.event_id = evidence_link.event_id)";
            case "rootscope.rca_candidate" -> "(SELECT tenant_id FROM rootscope.rca_run r WHERE r.run_id = rca_candidate.run_id)";
            case "rootscope.kb_chunk" -> "(SELECT tenant_id FROM rootscope.kb_doc d WHERE d.doc_id = kb_chunk.doc_id)";
            // Not tenant data (V023, V026): row security with no policy, so a tenant's session must see none of its rows.
            case "rootscope.kafka_consumer_offset", "rootscope.backend_replica" -> "NULL::bigint";
            default -> table.startsWith("ops.") ? (table.contains("vertex") || table.contains("Resource")
                    ? "(ag_catalog.agtype_out(properties)::text::jsonb ->> 'tenant')::bigint"
                    : "(SELECT (ag_catalog.agtype_out(v.properties)::text::jsonb ->> 'tenant')::bigint FROM ops._ag_label_vertex v WHERE v.id = start_id)")
                    : "tenant_id";
        };
    }
}
