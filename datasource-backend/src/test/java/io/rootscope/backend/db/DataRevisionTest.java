package io.rootscope.backend.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rootscope.backend.testing.Rows;
import io.rootscope.backend.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

/**
 * The revisions of V013: every statement that writes metric rows bumps the revision of each (tenant, table, minute) it
 * touched, and only those; edges bump their (tenant, relation); a revision never returns to an earlier value.
 */
class DataRevisionTest {

    private static DataSource db;
    private static long tenant;
    private static long resource;
    /** Recent enough that the retention test, which deletes the revisions of old minutes, leaves these alone. */
    private static java.time.Instant base;

    @BeforeAll
    static void setUp() throws SQLException {
        db = TestDatabase.shared().dataSource();
        base = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.HOURS).minus(java.time.Duration.ofDays(2));
        tenant = Long.parseLong(Rows.single(db, "INSERT INTO dim_tenant (code, name) VALUES ('revisions', 'R') RETURNING tenant_id"));
        resource = Long.parseLong(Rows.single(db, "INSERT INTO dim_resource (tenant_id, urn, type, name) VALUES (" + tenant
                + ", 'urn:k8s:svc:rev/a', 'service', 'a') RETURNING resource_id"));
    }

    @Test
    void everyWriteBumpsTheMinutesItTouched() throws Exception {
        execute("INSERT INTO metric_sample (ts, tenant_id, resource_id, metric, value) VALUES "
                + "('%3$s'::timestamptz + interval '10 seconds', %1$d, %2$d, 'cpu', 1), ('%3$s'::timestamptz + interval '40 seconds', %1$d, %2$d, 'cpu', 1), "
                + "('%3$s'::timestamptz + interval '5 minutes', %1$d, %2$d, 'cpu', 1)");
        List<String> afterInsert = revisions("metric_sample");
        assertEquals(List.of(minute(0), minute(5)), minutes("metric_sample"), "one row per minute");

        execute("UPDATE metric_sample SET value = 2 WHERE tenant_id = %1$d AND ts = '%3$s'::timestamptz + interval '5 minutes'");
        List<String> afterUpdate = revisions("metric_sample");
        assertEquals(afterInsert.get(0), afterUpdate.get(0), "10:00 untouched");
        assertTrue(Long.parseLong(afterUpdate.get(1)) > Long.parseLong(afterInsert.get(1)), "10:05 moved on");

        execute("UPDATE metric_sample SET value = 3 WHERE tenant_id = %1$d AND metric = 'none'");
        assertEquals(afterUpdate, revisions("metric_sample"), "a statement that changed no row changes no revision");

        execute("DELETE FROM metric_sample WHERE tenant_id = %1$d AND ts = '%3$s'::timestamptz + interval '40 seconds'");
        List<String> afterDelete = revisions("metric_sample");
        assertNotEquals(afterUpdate.get(0), afterDelete.get(0));
        assertEquals(afterUpdate.get(1), afterDelete.get(1));

        try (Connection connection = db.getConnection()) {
            connection.unwrap(PGConnection.class).getCopyAPI().copyIn(
                    "COPY metric_sample (ts, tenant_id, resource_id, metric, value) FROM STDIN",
                    new java.io.StringReader(base.plusSeconds(420) + "\t" + tenant + "\t" + resource + "\tcpu\t4\n"));
        }
        assertEquals(List.of(minute(0), minute(5), minute(7)), minutes("metric_sample"), "COPY too");
    }

    @Test
    void upsertsOfMinuteAggregatesBumpOnlyWhenARowChanges() throws Exception {
        String upsert = """
                INSERT INTO metric_1m AS m (bucket, tenant_id, resource_id, metric, avg_val, max_val, p95_val, sample_count)
                VALUES ('%4$s'::timestamptz + interval '1 hour', %1$d, %2$d, 'latency', %3$s, 1, 1, 1)
                ON CONFLICT ON CONSTRAINT metric_1m_pk DO UPDATE SET avg_val = excluded.avg_val
                 WHERE m.avg_val IS DISTINCT FROM excluded.avg_val""";
        execute(upsert.formatted(tenant, resource, "5", base));
        List<String> first = revisions("metric_1m");
        execute(upsert.formatted(tenant, resource, "5", base));
        assertEquals(first, revisions("metric_1m"), "the same values again: no change");
        execute(upsert.formatted(tenant, resource, "6", base));
        assertNotEquals(first, revisions("metric_1m"));
    }

    @Test
    void edgesBumpTheirTenantAndRelation() throws Exception {
        long other = Long.parseLong(Rows.single(db, "INSERT INTO dim_resource (tenant_id, urn, type, name) VALUES (" + tenant
                + ", 'urn:host:rev-1', 'host', 'rev-1') RETURNING resource_id"));
        execute("INSERT INTO topo_edge_time (tenant_id, src_resource_id, dst_resource_id, relation, valid, source) VALUES (%1$d, %2$d, "
                + other + ", 'RUNS_ON', tstzrange('2026-01-01', NULL), 'test')");
        String runsOn = "SELECT revision FROM topology_revision WHERE tenant_id = " + tenant + " AND relation = 'RUNS_ON'";
        String before = Rows.single(db, runsOn);
        execute("UPDATE topo_edge_time SET valid = tstzrange(lower(valid), '2026-01-02') WHERE tenant_id = %1$d AND relation = 'RUNS_ON'");
        assertTrue(Long.parseLong(Rows.single(db, runsOn)) > Long.parseLong(before));
        assertEquals("0", Rows.single(db, "SELECT count(*) FROM topology_revision WHERE tenant_id = " + tenant + " AND relation <> 'RUNS_ON'"));
    }

    @Test
    void retentionDeletesTheRevisionsOfExpiredMinutes() throws Exception {
        execute("INSERT INTO metric_1m (bucket, tenant_id, resource_id, metric, avg_val, max_val, p95_val, sample_count) VALUES "
                + "(date_trunc('minute', now() - interval '200 days'), %1$d, %2$d, 'io', 1, 1, 1, 1), "
                + "(date_trunc('minute', now() - interval '1 day'), %1$d, %2$d, 'io', 1, 1, 1, 1)");
        String expired = "SELECT count(*) FROM metric_revision WHERE tenant_id = " + tenant
                + " AND source = 'metric_1m' AND minute BETWEEN now() - interval '201 days' AND now() - interval '199 days'";
        String recent = "SELECT count(*) FROM metric_revision WHERE tenant_id = " + tenant
                + " AND source = 'metric_1m' AND minute = date_trunc('minute', now() - interval '1 day')";
        assertEquals("1", Rows.single(db, expired));
        assertTrue(Long.parseLong(Rows.single(db, "SELECT rootscope.run_retention_job('retention_metric_revision')")) >= 1);
        assertEquals("0", Rows.single(db, expired));
        assertEquals("1", Rows.single(db, recent));
    }

    private static void execute(String sql) throws SQLException {
        Rows.execute(db, sql.formatted(tenant, resource, base));
    }

    private static List<String> revisions(String source) throws SQLException {
        return Rows.column(db, "SELECT revision FROM metric_revision WHERE tenant_id = " + tenant + " AND source = '" + source
                + "' AND minute >= '" + base + "' AND minute < '" + base.plusSeconds(7200) + "' ORDER BY minute");
    }

    private static String minute(int offset) {
        return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(java.time.ZoneOffset.UTC)
                .format(base.plusSeconds(60L * offset));
    }

    private static List<String> minutes(String source) throws SQLException {
        return Rows.column(db, "SELECT to_char(minute AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') FROM metric_revision WHERE tenant_id = "
                + tenant + " AND source = '" + source + "' AND minute >= '" + base + "' AND minute < '" + base.plusSeconds(7200) + "' ORDER BY minute");
    }
}
