package io.rootscope.backend.etl.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rootscope.analytics.topology.Urn;
import io.rootscope.backend.etl.TestTenant;
import io.rootscope.backend.etl.runtime.EtlWindow;
import io.rootscope.backend.etl.runtime.JobContext;
import io.rootscope.backend.etl.runtime.WindowSchedule;
import io.rootscope.backend.etl.write.ObservedResource;
import io.rootscope.backend.etl.write.ResourceResolver;
import io.rootscope.backend.testing.Rows;
import io.rootscope.backend.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class StagedTelemetryJobTest {

    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    // Ends mid-bucket: the bucket 10:05 is still filling, the bucket 10:00 is touched by the window's start.
    private static final EtlWindow WINDOW = new EtlWindow(T0.plusSeconds(240), T0.plusSeconds(330));

    private final DataSource db = TestDatabase.shared().dataSource();
    private final ResourceResolver resolver = new ResourceResolver(db);

    @Test
    void foldsTheStagedCallsOfEveryBucketTheWindowTouchesIntoCallStatistics() throws SQLException {
        long tenant = TestTenant.create(db, "calls").id();
        long other = TestTenant.create(db, "calls").id();
        long front = resolver.resolve(tenant, ObservedResource.service(Urn.k8sService("ns", "front-end")));
        long carts = resolver.resolve(tenant, ObservedResource.service(Urn.k8sService("ns", "carts")));
        // Bucket 10:00: 20 calls of 1..20 ms, one every 3 s from 10:00:00 (before the window), 2 failed.
        Rows.execute(db, """
                INSERT INTO span_call (ts, tenant_id, src_resource_id, dst_resource_id, duration_ms, error)
                SELECT '%1$s'::timestamptz + (i - 1) * interval '3 seconds', %2$d, %3$d, %4$d, i, i <= 2
                  FROM generate_series(1, 20) AS i""".formatted(T0, tenant, front, carts));
        // Bucket 10:05: 10, 20, 30 ms; the last one after the window's end, yet in the bucket it recomputes.
        Rows.execute(db, """
                INSERT INTO span_call (ts, tenant_id, src_resource_id, dst_resource_id, duration_ms, error)
                VALUES ('%1$s'::timestamptz + interval '310 seconds', %2$d, %3$d, %4$d, 10, false),
                       ('%1$s'::timestamptz + interval '320 seconds', %2$d, %3$d, %4$d, 20, false),
                       ('%1$s'::timestamptz + interval '340 seconds', %2$d, %3$d, %4$d, 30, false),
                       ('%1$s'::timestamptz + interval '10 minutes', %2$d, %3$d, %4$d, 99, true),
                       ('%1$s', %5$d, %3$d, %4$d, 99, true)""".formatted(T0, tenant, front, carts, other));

        List<String> expected = List.of(
                // p50 and p95 of 1..20 interpolated; 20 calls over the whole five minutes.
                "2026-11-22 10:00:00+00 20 0.0667 0.1 10.5 19.05",
                // 3 calls over the 30 s of the bucket the window has seen; p95 of 10, 20, 30 = 20 + 0.9 * 10.
                "2026-11-22 10:05:00+00 3 0.1 0 20 29");
        assertEquals(2, run(StagedTelemetryJob.traceCalls(schedule()), tenant));
        assertEquals(expected, callRows(tenant));
        run(StagedTelemetryJob.traceCalls(schedule()), tenant);
        assertEquals(expected, callRows(tenant), "a re-run gives the same rows");
        assertEquals("0", Rows.single(db, "SELECT count(*) FROM service_call_5m WHERE tenant_id = " + other));
    }

    @Test
    void countsTheStagedLogEventsPerBucketResourceAndPattern() throws SQLException {
        long tenant = TestTenant.create(db, "logs").id();
        long carts = resolver.resolve(tenant, ObservedResource.service(Urn.k8sService("ns", "carts")));
        Rows.execute(db, """
                INSERT INTO log_pattern (tenant_id, fingerprint, pattern, sample_message, severity, first_seen, last_seen)
                VALUES (%1$d, 'f-timeout', 'timeout after <*> ms', 'timeout after 30 ms', 'ERROR', '%2$s', '%2$s')""".formatted(tenant, T0));
        Rows.execute(db, """
                INSERT INTO log_event (ts, tenant_id, resource_id, pattern_id, error)
                SELECT '%1$s'::timestamptz + e.at * interval '1 second', %2$d, %3$d, p.pattern_id, e.error
                  FROM (VALUES (60, true), (61, false), (62, false), (360, false)) AS e (at, error),
                       log_pattern p WHERE p.tenant_id = %2$d""".formatted(T0, tenant, carts));

        assertEquals(2, run(StagedTelemetryJob.logPatternCounts(schedule()), tenant));
        assertEquals(List.of("2026-11-22 10:00:00+00 3 1", "2026-11-22 10:05:00+00 1 0"), Rows.column(db,
                "SELECT concat_ws(' ', bucket, count_total, count_error) FROM log_pattern_5m WHERE tenant_id = " + tenant + " ORDER BY bucket"));
    }

    private long run(StagedTelemetryJob job, long tenant) throws SQLException {
        try (Connection connection = db.getConnection()) {
            return job.run(new JobContext(tenant, WINDOW, connection)).rowsWritten();
        }
    }

    private List<String> callRows(long tenant) throws SQLException {
        return Rows.column(db, "SELECT concat_ws(' ', bucket, call_count, round(rps::numeric, 4)::float8, err_rate, p50_ms, round(p95_ms::numeric, 6)::float8)"
                + " FROM service_call_5m WHERE tenant_id = " + tenant + " ORDER BY bucket");
    }

    private static WindowSchedule schedule() {
        return new WindowSchedule(Duration.ofSeconds(10), Duration.ZERO, Duration.ofMinutes(1), 1);
    }
}
