package io.rootscope.backend.etl.write;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rootscope.analytics.topology.Urn;
import io.rootscope.backend.etl.TestTenant;
import io.rootscope.backend.testing.Rows;
import io.rootscope.backend.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The staged rows by binary COPY: every column as given, a span stored before skipped, an event of an unknown template left out. */
class StagedTelemetryWriterTest {

    private static final Instant T0 = Instant.parse("2026-12-07T03:00:00.123456Z");
    private final DataSource db = TestDatabase.shared().dataSource();
    private final StagedTelemetryWriter writer = new StagedTelemetryWriter();

    @Test
    void copiesSpansAndSkipsTheOnesStoredBeforeInALaterBatch() throws SQLException {
        TestTenant tenant = TestTenant.create(db, "staged-spans");
        long carts = service(tenant, "carts");
        long redis = service(tenant, "redis");
        StagedTelemetryWriter.SpanRow first = new StagedTelemetryWriter.SpanRow(T0, carts, "5b8efff798038103d269b633813fc60c",
                "eee19b7ec3c1b174", null, "GET /cart", 250_000, true, redis);
        StagedTelemetryWriter.SpanRow second = new StagedTelemetryWriter.SpanRow(T0.plusSeconds(1), carts, "5b8efff798038103d269b633813fc60c",
                "0102030405060708", "eee19b7ec3c1b174", "SELECT", 1_000, false, null);
        inTransaction(connection -> writer.insertSpans(connection, tenant.id(), List.of(first)));
        StagedTelemetryWriter.SpanRow changedRepeat = new StagedTelemetryWriter.SpanRow(T0, carts, first.traceId(), first.spanId(), null,
                "changed", 1, false, null);
        inTransaction(connection -> writer.insertSpans(connection, tenant.id(), List.of(changedRepeat, second, second)));

        assertEquals("2026-12-07 03:00:00.123456+00|GET /cart|250000|t|" + redis + "|\n"
                        + "2026-12-07 03:00:01.123456+00|SELECT|1000|f||eee19b7ec3c1b174",
                Rows.single(db, "SELECT string_agg(ts AT TIME ZONE 'UTC' || '+00|' || operation || '|' || duration_us || '|' || error::text::char"
                        + " || '|' || coalesce(peer_resource_id::text, '') || '|' || coalesce(parent_span_id, ''), E'\\n' ORDER BY ts)"
                        + " FROM trace_span WHERE tenant_id = " + tenant.id()));
    }

    @Test
    void copiesCallsAndTheEventsOfStoredTemplates() throws SQLException {
        TestTenant tenant = TestTenant.create(db, "staged-calls");
        long frontEnd = service(tenant, "front-end");
        long carts = service(tenant, "carts");
        String fingerprint = "00000000000000aa";
        inTransaction(connection -> {
            new LogPatternWriter().upsertTemplates(connection, tenant.id(),
                    List.of(new LogTemplateRow(fingerprint, "cart <*> not found", "cart 7 not found", "ERROR", T0, T0)));
            assertEquals(2, writer.insertCalls(connection, tenant.id(), List.of(
                    new StagedTelemetryWriter.CallRow(T0, frontEnd, carts, 12.5, false),
                    new StagedTelemetryWriter.CallRow(T0.plusSeconds(2), frontEnd, carts, 0.25, true))));
            assertEquals(1, writer.insertLogEvents(connection, tenant.id(), List.of(
                    new StagedTelemetryWriter.LogEventRow(T0, carts, fingerprint, true),
                    new StagedTelemetryWriter.LogEventRow(T0, carts, "00000000000000bb", false))));
        });

        assertEquals("12.5|f,0.25|t", Rows.single(db, "SELECT string_agg(duration_ms || '|' || error::text::char, ',' ORDER BY ts)"
                + " FROM span_call WHERE tenant_id = " + tenant.id() + " AND src_resource_id = " + frontEnd + " AND dst_resource_id = " + carts));
        assertEquals("cart <*> not found|t|" + carts, Rows.single(db, "SELECT p.pattern || '|' || e.error::text::char || '|' || e.resource_id"
                + " FROM log_event e JOIN log_pattern p USING (pattern_id) WHERE e.tenant_id = " + tenant.id()));
    }

    private long service(TestTenant tenant, String name) throws SQLException {
        return new ResourceResolver(db).resolve(tenant.id(), ObservedResource.service(Urn.k8sService("staged", name)));
    }

    private interface Work {
        void run(Connection connection) throws SQLException;
    }

    private void inTransaction(Work work) throws SQLException {
        try (Connection connection = db.getConnection()) {
            connection.setAutoCommit(false);
            work.run(connection);
            connection.commit();
        }
    }
}
