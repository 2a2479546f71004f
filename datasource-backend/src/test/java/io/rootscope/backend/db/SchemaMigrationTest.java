package io.rootscope.backend.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rootscope.backend.testing.Rows;
import io.rootscope.backend.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The migrations, applied by the non-superuser application role to an empty database. */
class SchemaMigrationTest {

    private static final Set<String> TABLES = Set.of("dim_tenant", "dim_resource", "detail_locator", "metric_sample",
            "metric_1m", "metric_1h", "service_call_5m", "log_pattern", "log_pattern_5m", "topo_edge_time", "kb_doc",
            "kb_chunk", "event_envelope", "evidence_link", "anomaly_profile", "rca_run", "rca_candidate", "etl_job_run",
            "etl_job_circuit", "lifecycle_job", "span_call", "log_event", "metric_revision", "topology_revision",
            "log_template_revision", "pushed_series", "pushed_sample", "backend_replica", "replica_lease", "incident_diagnosis_due");
    private static final Set<String> HYPERTABLES = Set.of("metric_sample", "metric_1m", "metric_1h", "service_call_5m",
            "log_pattern_5m", "span_call", "log_event", "trace_span", "pushed_sample");

    private static TestDatabase database;
    private static MigrateResult firstRun;

    @BeforeAll
    static void migrateEmptyDatabase() {
        database = TestDatabase.createEmpty();
        firstRun = database.migrator(Map.of("embedding_dim", "8")).migrate();
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    @Test
    void appliesEveryMigrationOnceAndIsRerunnable() {
        assertTrue(firstRun.success);
        assertTrue(firstRun.migrationsExecuted >= 10, "applied " + firstRun.migrationsExecuted);
        MigrateResult secondRun = database.migrator(Map.of("embedding_dim", "8")).migrate();
        assertTrue(secondRun.success);
        assertEquals(0, secondRun.migrationsExecuted);
    }

    /** Replicas starting at once: Flyway's lock (an advisory lock on PostgreSQL) lets one migrate, the other finds it done. */
    @Test
    void replicasMigratingAtOnceApplyEachMigrationOnce() throws Exception {
        try (TestDatabase fresh = TestDatabase.createEmpty()) {
            ExecutorService replicas = Executors.newFixedThreadPool(2);
            try {
                Callable<MigrateResult> migrate = () -> fresh.migrator(Map.of("embedding_dim", "8")).migrate();
                List<Future<MigrateResult>> runs = replicas.invokeAll(List.of(migrate, migrate));
                assertEquals(firstRun.migrationsExecuted, runs.get(0).get().migrationsExecuted + runs.get(1).get().migrationsExecuted);
            } finally {
                replicas.shutdownNow();
            }
            assertEquals("0", Rows.single(fresh.dataSource(), "SELECT count(*) FROM (SELECT version FROM flyway_schema_history"
                    + " WHERE version IS NOT NULL GROUP BY version HAVING count(*) > 1) twice"));
        }
    }

    @Test
    void migratesAsANonSuperuser() throws SQLException {
        assertEquals(List.of("rootscope|false"), rows("SELECT current_user || '|' || usesuper FROM pg_user WHERE usename = current_user"));
    }

    @Test
    void createsEveryTableInTheApplicationSchema() throws SQLException {
        Set<String> tables = new TreeSet<>(rows("SELECT tablename FROM pg_tables WHERE schemaname = 'rootscope'"));
        assertTrue(tables.containsAll(TABLES), "missing: " + difference(TABLES, tables));
        assertTrue(rows("SELECT tablename FROM pg_tables WHERE schemaname = 'ag_catalog' AND tableowner = 'rootscope'").isEmpty(),
                "no application table may land in ag_catalog");
    }

    @Test
    void createsTheHypertables() throws SQLException {
        Set<String> hypertables = new TreeSet<>(rows(
                "SELECT hypertable_name FROM timescaledb_information.hypertables WHERE hypertable_schema = 'rootscope'"));
        assertEquals(new TreeSet<>(HYPERTABLES), hypertables);
    }

    @Test
    void createsTheIndexesQueriesRelyOn() throws SQLException {
        Map<String, String> expected = Map.of(
                "dim_resource_labels_gin", "gin",
                "dim_resource_urn_uq", "btree",
                "log_pattern_pattern_trgm", "gin",
                "topo_edge_time_no_overlap_ex", "gist",
                "topo_edge_time_at_ix", "gist",
                "kb_chunk_embedding_hnsw", "hnsw",
                "anomaly_profile_hnsw", "hnsw",
                "evidence_link_identity_uq", "btree",
                "detail_locator_identity_uq", "btree");
        for (Map.Entry<String, String> index : expected.entrySet()) {
            assertEquals(List.of(index.getValue()), rows("""
                    SELECT am.amname FROM pg_class c JOIN pg_am am ON am.oid = c.relam
                     JOIN pg_namespace n ON n.oid = c.relnamespace
                     WHERE n.nspname = 'rootscope' AND c.relname = '%s'""".formatted(index.getKey())), index.getKey());
        }
    }

    @Test
    void sizesTheEmbeddingFromThePlaceholder() throws SQLException {
        assertEquals(List.of("vector(8)"), rows("""
                SELECT format_type(atttypid, atttypmod) FROM pg_attribute
                 WHERE attrelid = 'rootscope.kb_chunk'::regclass AND attname = 'embedding'"""));
    }

    @Test
    void createsTheAgeGraphWithItsLabels() throws SQLException {
        assertEquals(List.of("ops"), rows("SELECT name::text FROM ag_catalog.ag_graph"));
        Set<String> labels = new TreeSet<>(rows("""
                SELECT l.name::text FROM ag_catalog.ag_label l JOIN ag_catalog.ag_graph g ON g.graphid = l.graph
                 WHERE g.name = 'ops'"""));
        assertTrue(labels.containsAll(Set.of("Resource", "CALLS", "CONNECTS_TO", "RUNS_ON")), labels.toString());
    }

    @Test
    void rejectsOverlappingValidityOfTheSameEdge() throws SQLException {
        try (Connection connection = database.dataSource().getConnection(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.execute("""
                    INSERT INTO dim_resource (tenant_id, urn, type, name) VALUES
                      (1, 'urn:k8s:svc:shop/a', 'service', 'a'), (1, 'urn:k8s:svc:shop/b', 'service', 'b')""");
            String insert = """
                    INSERT INTO topo_edge_time (tenant_id, src_resource_id, dst_resource_id, relation, valid, source)
                    SELECT 1, s.resource_id, d.resource_id, 'CALLS', tstzrange(%s, NULL), 'test'
                      FROM dim_resource s, dim_resource d
                     WHERE s.urn = 'urn:k8s:svc:shop/a' AND d.urn = 'urn:k8s:svc:shop/b'""";
            statement.execute(insert.formatted("now() - interval '1 hour'"));
            SQLException overlap = assertThrows(SQLException.class,
                    () -> statement.execute(insert.formatted("now()")));
            assertEquals("23P01", overlap.getSQLState(), overlap.getMessage());
            connection.rollback();
        }
    }

    private static Set<String> difference(Set<String> expected, Set<String> actual) {
        Set<String> missing = new TreeSet<>(expected);
        missing.removeAll(actual);
        return missing;
    }

    private static List<String> rows(String sql) throws SQLException {
        return Rows.column(database.dataSource(), sql);
    }
}
