package io.rootscope.backend.etl.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rootscope.analytics.topology.Urn;
import io.rootscope.backend.etl.TestTenant;
import io.rootscope.backend.testing.Rows;
import io.rootscope.backend.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/** The minute rollup and the upserts of locators and log templates: first run writes, a re-run changes nothing, a change updates. */
class AggregateWritersTest {

    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    private final DataSource db = TestDatabase.shared().dataSource();

    @Test
    void locatorIsRecordedOncePerIdentity() throws SQLException {
        TestTenant tenant = TestTenant.create(db, "locator");
        LocatorSpec spec = new LocatorSpec("prometheus", "metrics", "sum(rate(x[1m]))", T0, T0.plusSeconds(60), Map.of("step_s", 15));
        try (Connection connection = db.getConnection()) {
            DetailLocatorWriter writer = new DetailLocatorWriter();
            DSLContext jooq = DSL.using(connection, SQLDialect.POSTGRES);
            long first = writer.upsert(jooq, tenant.id(), spec);
            assertEquals(first, writer.upsert(jooq, tenant.id(), spec));
            long otherWindow = writer.upsert(jooq, tenant.id(),
                    new LocatorSpec("prometheus", "metrics", "sum(rate(x[1m]))", T0.plusSeconds(60), T0.plusSeconds(120), Map.of()));
            assertTrue(otherWindow != first);
        }
        assertEquals("2", Rows.single(db, "SELECT count(*) FROM detail_locator WHERE tenant_id = " + tenant.id()));
        assertEquals("{\"step_s\": 15}", Rows.single(db, "SELECT attributes FROM detail_locator WHERE t_from = '" + T0 + "' AND tenant_id = " + tenant.id()));
    }

    @Test
    void rollupComputesAveragesMaximaAndInterpolatedP95PerMinute() throws SQLException {
        TestTenant tenant = TestTenant.create(db, "rollup");
        long carts = new ResourceResolver(db).resolve(tenant.id(), ObservedResource.service(Urn.k8sService("ns", "carts")));
        List<MetricSampleRow> samples = new ArrayList<>();
        for (int i = 1; i <= 20; i++) { // minute 0: 1..20, one every 3 s
            samples.add(new MetricSampleRow(carts, "lat", T0.plusSeconds(3L * (i - 1)), i));
        }
        samples.add(new MetricSampleRow(carts, "lat", T0.plusSeconds(60), 7)); // minute 1: one sample
        samples.add(new MetricSampleRow(carts, "other", T0, 1000)); // a metric not rolled up
        try (Connection connection = db.getConnection()) {
            new MetricSampleWriter().write(connection, tenant.id(), samples);
            MetricMinuteRollup rollup = new MetricMinuteRollup();
            // The window ends mid-minute 1: the whole of minute 1 is still aggregated.
            assertEquals(2, rollup.rollup(connection, tenant.id(), List.of("lat"), T0, T0.plusSeconds(90), null));
            assertEquals(0, rollup.rollup(connection, tenant.id(), List.of("lat"), T0, T0.plusSeconds(90), null));
        }
        // percentile_cont(0.95) of 1..20: 19 + 0.05 * (20 - 19) = 19.05
        assertEquals("10.5|20|19.05|20", Rows.single(db, "SELECT avg_val || '|' || max_val || '|' || round(p95_val::numeric, 6)::float8 || '|' || sample_count"
                + " FROM metric_1m WHERE metric = 'lat' AND bucket = '" + T0 + "' AND tenant_id = " + tenant.id()));
        assertEquals("2", Rows.single(db, "SELECT count(*) FROM metric_1m WHERE tenant_id = " + tenant.id()));
    }

    @Test
    void logTemplatesWidenTheirSeenRange() throws SQLException {
        TestTenant tenant = TestTenant.create(db, "logs");
        LogPatternWriter writer = new LogPatternWriter();
        LogTemplateRow template = new LogTemplateRow("f1", "timeout after <*> ms", "timeout after 30 ms", "ERROR", T0, T0.plusSeconds(100));
        try (Connection connection = db.getConnection()) {
            assertEquals(1, writer.upsertTemplates(connection, tenant.id(), List.of(template)));
            assertEquals(0, writer.upsertTemplates(connection, tenant.id(), List.of(template)));
            assertEquals(1, writer.upsertTemplates(connection, tenant.id(), List.of(
                    new LogTemplateRow("f1", "timeout after <*> ms", "x", "ERROR", T0.plusSeconds(50), T0.plusSeconds(400)))));
        }
        assertEquals("2026-11-22 10:00:00+00|2026-11-22 10:06:40+00", Rows.single(db,
                "SELECT first_seen || '|' || last_seen FROM log_pattern WHERE tenant_id = " + tenant.id()));
    }
}
