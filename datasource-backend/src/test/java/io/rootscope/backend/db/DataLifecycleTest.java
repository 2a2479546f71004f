package io.rootscope.backend.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rootscope.backend.testing.Rows;
import io.rootscope.backend.testing.TestDatabase;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Retention and rollups really happen: natively with the Community license, through lifecycle_job and the
 * scheduler's functions on the Apache-only build (Debian's, which the local database runs).
 */
class DataLifecycleTest {

    private static DataSource db;
    private static String license;

    @BeforeAll
    static void setUp() throws SQLException {
        db = TestDatabase.shared().dataSource();
        license = Rows.single(db, "SELECT rootscope.timescale_license()");
    }

    @Test
    void recordsTheJobsTheLicenseDoesNotRunNatively() throws SQLException {
        boolean apache = license.equals("apache");
        List<String> retention = Rows.column(db, "SELECT source_table || ':' || retain || ':' || native FROM lifecycle_job WHERE kind = 'retention' ORDER BY 1");
        // metric_revision is a plain table: its job is the backend's under either license.
        assertEquals(List.of(
                "log_event:2 days:" + !apache, "log_pattern_5m:180 days:" + !apache, "metric_1h:730 days:" + !apache,
                "metric_1m:180 days:" + !apache, "metric_revision:180 days:false", "metric_sample:7 days:" + !apache, "pushed_sample:2 days:" + !apache,
                "service_call_5m:365 days:" + !apache, "span_call:2 days:" + !apache, "trace_span:2 days:" + !apache), retention);
        if (apache) {
            assertEquals("1", Rows.single(db, "SELECT count(*) FROM lifecycle_job WHERE kind = 'rollup' AND NOT native"));
        } else {
            assertEquals("7", Rows.single(db, "SELECT count(*) FROM timescaledb_information.jobs WHERE proc_name = 'policy_retention'"));
            assertEquals("1", Rows.single(db, "SELECT count(*) FROM timescaledb_information.continuous_aggregates WHERE view_name = 'metric_1h'"));
        }
    }

    @Test
    void retentionDropsChunksOlderThanTheRetentionAndKeepsRecentOnes() throws SQLException {
        long resource = resource("urn:k8s:svc:lifecycle/retention");
        Rows.execute(db, """
                INSERT INTO metric_sample (ts, tenant_id, resource_id, metric, value)
                SELECT ts, 1, %d, 'cpu', 1.0
                  FROM generate_series(now() - interval '12 days', now(), interval '6 hours') AS ts""".formatted(resource));
        String oldChunks = "SELECT count(*) FROM public.show_chunks('rootscope.metric_sample', older_than => now() - interval '8 days')";
        assertTrue(Integer.parseInt(Rows.single(db, oldChunks)) >= 3, "old chunks before retention");
        long recentBefore = count("metric_sample WHERE resource_id = " + resource + " AND ts > now() - interval '6 days'");

        int dropped = Integer.parseInt(Rows.single(db, license.equals("apache")
                ? "SELECT rootscope.run_retention_job('retention_metric_sample')"
                : "SELECT count(*) FROM public.drop_chunks('rootscope.metric_sample', older_than => now() - interval '7 days')"));

        assertTrue(dropped >= 3, "dropped " + dropped);
        assertEquals("0", Rows.single(db, oldChunks));
        assertEquals(0, count("metric_sample WHERE resource_id = " + resource + " AND ts < now() - interval '8 days'"));
        assertEquals(recentBefore, count("metric_sample WHERE resource_id = " + resource + " AND ts > now() - interval '6 days'"));
    }

    @Test
    void rollupFoldsMinutesIntoHoursIdempotently() throws SQLException {
        long resource = resource("urn:k8s:svc:lifecycle/rollup");
        // Two hours ago, one hour of minutes: value = minute index, 2 samples each, p95 = value + 10.
        Rows.execute(db, """
                INSERT INTO metric_1m (bucket, tenant_id, resource_id, metric, avg_val, max_val, p95_val, sample_count)
                SELECT date_trunc('hour', now()) - interval '2 hours' + m * interval '1 minute', 1, %d, 'latency',
                       m, m + 1, m + 10, 2
                  FROM generate_series(0, 59) AS m""".formatted(resource));
        String hour = "SELECT round(avg_val::numeric, 3) || '|' || max_val || '|' || p95_val || '|' || sample_count FROM metric_1h "
                + "WHERE resource_id = " + resource + " AND bucket = date_trunc('hour', now()) - interval '2 hours'";
        if (license.equals("apache")) {
            Rows.execute(db, "SELECT * FROM rootscope.run_due_lifecycle_jobs()");
            assertEquals("29.500|60|69|120", Rows.single(db, hour));
            Rows.execute(db, "SELECT rootscope.run_rollup_job('rollup_metric_1h')");
            assertEquals("29.500|60|69|120", Rows.single(db, hour));
            assertEquals(1, count("metric_1h WHERE resource_id = " + resource));
        } else {
            Rows.execute(db, "CALL public.refresh_continuous_aggregate('rootscope.metric_1h', NULL, date_trunc('hour', now()))");
            assertEquals("29.500|60|69|120", Rows.single(db, hour));
        }
    }

    private static long resource(String urn) throws SQLException {
        return Long.parseLong(Rows.single(db, """
                INSERT INTO dim_resource (tenant_id, urn, type, name) VALUES (1, '%s', 'service', 'x')
                ON CONFLICT (tenant_id, urn) DO UPDATE SET name = excluded.name RETURNING resource_id""".formatted(urn)));
    }

    private static long count(String fromWhere) throws SQLException {
        return Long.parseLong(Rows.single(db, "SELECT count(*) FROM " + fromWhere));
    }
}
