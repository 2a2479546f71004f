package io.rootscope.backend.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.rootscope.analytics.logs.LogTemplate;
import io.rootscope.analytics.logs.TemplateGeneralisation;
import io.rootscope.backend.etl.TestTenant;
import io.rootscope.backend.etl.aggregate.StagedTelemetryJob;
import io.rootscope.backend.etl.parse.ServiceRef;
import io.rootscope.backend.etl.runtime.EtlWindow;
import io.rootscope.backend.etl.runtime.JobContext;
import io.rootscope.backend.etl.runtime.WindowSchedule;
import io.rootscope.backend.etl.write.LogPatternGeneraliser;
import io.rootscope.backend.etl.write.ResourceResolver;
import io.rootscope.backend.testing.Rows;
import io.rootscope.backend.testing.TestDatabase;
import java.io.StringReader;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * A log group keeps its identity while Drain generalises its template over later pushes, across a restart of
 * the ingestor, with two ingestors taking the tenant's logs, and after a push that failed to store: one
 * {@code log_pattern} row, its events and its five-minute counts, as if all lines had been mined in one batch.
 */
class LogGroupIdentityTest {

    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    private static final EtlWindow WINDOW = new EtlWindow(T0, T0.plus(StagedTelemetryJob.BUCKET));
    private static final WindowSchedule SCHEDULE = new WindowSchedule(StagedTelemetryJob.BUCKET, Duration.ZERO, Duration.ZERO, 1);
    private static final ServiceRef CARTS = new ServiceRef("carts", "shop");
    private static final String GENERAL = "cart <*> not found";

    private final DataSource db = TestDatabase.shared().dataSource();

    @Test
    void aTemplateGeneralisedByALaterPushKeepsItsGroupAndCounts() throws Exception {
        long tenant = TestTenant.create(db, "drain").id();
        long other = TestTenant.create(db, "drain-other").id();
        TelemetryIngestor ingestor = new TelemetryIngestor(db, new ResourceResolver(db));
        push(ingestor, tenant, 0, "cart alice not found", "cart alice not found");
        push(ingestor, other, 0, "cart alice not found");
        aggregate(tenant);
        String group = Rows.single(db, "SELECT pattern_id FROM log_pattern WHERE tenant_id = " + tenant);

        push(ingestor, tenant, 2, "cart bob not found");
        aggregate(tenant);

        assertEquals(group + " " + GENERAL + " " + T0 + " " + T0.plusSeconds(2), patterns(tenant));
        assertEquals(group + " 3", Rows.single(db, "SELECT pattern_id || ' ' || count(*) FROM log_event WHERE tenant_id = "
                + tenant + " GROUP BY pattern_id"));
        assertEquals(group + " 3 0", counts(tenant));
        // Another tenant's pattern of the same text is its own.
        assertEquals("cart alice not found", Rows.single(db, "SELECT pattern FROM log_pattern WHERE tenant_id = " + other));
    }

    @Test
    void aRestartedIngestorRestoresTheTreeFromTheStoredTemplates() throws Exception {
        long tenant = TestTenant.create(db, "drain-restart").id();
        push(new TelemetryIngestor(db, new ResourceResolver(db)), tenant, 0, "cart alice not found");
        String group = Rows.single(db, "SELECT pattern_id FROM log_pattern WHERE tenant_id = " + tenant);

        // Fresh, the tree would found a new cluster and report no generalisation of the stored template.
        push(new TelemetryIngestor(db, new ResourceResolver(db)), tenant, 1, "cart alice not found", "cart bob not found");
        // A cluster the restored tree knows takes a single new line without a new pattern.
        push(new TelemetryIngestor(db, new ResourceResolver(db)), tenant, 2, "cart carol not found");
        aggregate(tenant);

        assertEquals(group + " " + GENERAL + " " + T0 + " " + T0.plusSeconds(2), patterns(tenant));
        assertEquals(group + " 4 0", counts(tenant));
    }

    @Test
    void aRestartMergesAGroupSplitBeforeGeneralisationsWereFollowed() throws Exception {
        long tenant = TestTenant.create(db, "drain-split").id();
        long other = TestTenant.create(db, "drain-split-other").id();
        for (long t : List.of(tenant, other)) {
            push(new TelemetryIngestor(db, new ResourceResolver(db)), t, 0, "cart alice not found", "cart alice not found");
            aggregate(t);
            storeAsTheOldIngestorDid(t, GENERAL, T0.plusSeconds(60), 3);
            aggregate(t);
        }
        String specific = Rows.single(db, "SELECT pattern_id FROM log_pattern WHERE pattern <> '" + GENERAL + "' AND tenant_id = " + tenant);
        String general = Rows.single(db, "SELECT pattern_id FROM log_pattern WHERE pattern = '" + GENERAL + "' AND tenant_id = " + tenant);
        String event = Rows.single(db, """
                INSERT INTO event_envelope (tenant_id, dedup_key, source, kind, severity, title, started_at)
                VALUES (%d, 'split', 'test', 'anomaly', 'ERROR', 'carts', '%s') RETURNING event_id""".formatted(tenant, T0));
        Rows.execute(db, """
                INSERT INTO evidence_link (event_id, dim, ref_pg, note)
                VALUES ('%1$s', 'log', jsonb_build_object('table', 'log_pattern', 'pattern_id', %2$s), 'duplicate once merged'),
                       ('%1$s', 'log', jsonb_build_object('table', 'log_pattern', 'pattern_id', %3$s), 'kept'),
                       ('%1$s', 'log', jsonb_build_object('table', 'log_pattern', 'pattern_id', %2$s, 'why', 'burst'), 'moved')"""
                .formatted(event, specific, general));
        assertEquals(specific + " 2 0\n" + general + " 3 3", counts(tenant));

        push(new TelemetryIngestor(db, new ResourceResolver(db)), tenant, 90, "cart carol not found");

        // Merged before the window is aggregated again, and the same after: the counts of the two rows add up.
        assertEquals(general + " " + GENERAL + " " + T0 + " " + T0.plusSeconds(90), patterns(tenant));
        assertEquals(general + " 5 3", counts(tenant));
        aggregate(tenant);
        assertEquals(general + " 6 3", counts(tenant));
        assertEquals("6", Rows.single(db, "SELECT count(*) FROM log_event WHERE pattern_id = " + general));
        assertEquals("kept " + general + "|moved " + general, Rows.column(db, "SELECT note || ' ' || (ref_pg ->> 'pattern_id') "
                + "FROM evidence_link WHERE event_id = '" + event + "' ORDER BY note").stream().collect(Collectors.joining("|")));
        assertEquals(2, Rows.column(db, "SELECT pattern_id FROM log_pattern WHERE tenant_id = " + other).size(),
                "another tenant's split is not touched by this tenant's restart");
    }

    @Test
    void twoBackendsTakingOneTenantsLogsMineOneSetOfGroups() throws Exception {
        long tenant = TestTenant.create(db, "drain-two").id();
        TelemetryIngestor first = new TelemetryIngestor(db, new ResourceResolver(db));
        TelemetryIngestor second = new TelemetryIngestor(db, new ResourceResolver(db));
        push(first, tenant, 0, "cart alice not found");
        String group = Rows.single(db, "SELECT pattern_id FROM log_pattern WHERE tenant_id = " + tenant);
        // The second backend generalises the stored template; the first one's tree still holds it as it was.
        push(second, tenant, 1, "cart bob not found");
        push(first, tenant, 2, "cart alice not found");
        aggregate(tenant);

        assertEquals(group + " " + GENERAL + " " + T0 + " " + T0.plusSeconds(2), patterns(tenant));
        assertEquals(group + " 3 0", counts(tenant));
    }

    @Test
    void aPushThatFailedToStoreLeavesNoGroupSplitOnItsRetry() throws Exception {
        long tenant = TestTenant.create(db, "drain-retry").id();
        AtomicBoolean down = new AtomicBoolean();
        TelemetryIngestor ingestor = new TelemetryIngestor(failing(db, down), new ResourceResolver(db));
        push(ingestor, tenant, 0, "cart alice not found");

        down.set(true);
        assertThrows(SQLException.class, () -> push(ingestor, tenant, 1, "cart bob not found"));
        down.set(false);
        // The tree had generalised the cluster; rebuilt from the store, it reports the generalisation again.
        push(ingestor, tenant, 1, "cart bob not found");
        aggregate(tenant);

        assertEquals(GENERAL, Rows.single(db, "SELECT pattern FROM log_pattern WHERE tenant_id = " + tenant));
        assertEquals("2", Rows.single(db, "SELECT count(*) FROM log_event WHERE tenant_id = " + tenant));
    }

    @Test
    void aGeneralisationAppliedTwiceChangesNothingTheSecondTime() throws Exception {
        long tenant = TestTenant.create(db, "drain-twice").id();
        push(new TelemetryIngestor(db, new ResourceResolver(db)), tenant, 0, "cart alice not found");
        List<TemplateGeneralisation> moves = List.of(
                new TemplateGeneralisation(LogTemplate.of("cart alice not found"), LogTemplate.of(GENERAL)));
        LogPatternGeneraliser generaliser = new LogPatternGeneraliser();
        try (Connection connection = db.getConnection()) {
            assertEquals(new LogPatternGeneraliser.Outcome(1, 0), generaliser.apply(connection, tenant, moves));
            assertEquals(new LogPatternGeneraliser.Outcome(0, 0), generaliser.apply(connection, tenant, moves));
        }
        assertEquals(GENERAL, Rows.single(db, "SELECT pattern FROM log_pattern WHERE tenant_id = " + tenant));
    }

    @Test
    void jsonLinesAreGroupedByTheirMessageAndCountedByTheirLevel() throws Exception {
        long tenant = TestTenant.create(db, "drain-json").id();
        push(new TelemetryIngestor(db, new ResourceResolver(db)), tenant, 0,
                "{\"level\":50,\"time\":1772445600000,\"msg\":\"charge failed\",\"order\":\"a1\"}",
                "{\"level\":50,\"time\":1772445601000,\"msg\":\"charge failed\",\"order\":\"b2\"}",
                "{\"level\":30,\"time\":1772445602000,\"msg\":\"charged\",\"order\":\"c3\"}");
        aggregate(tenant);
        assertEquals(List.of("charge failed 2 2", "charged 1 0"), Rows.column(db, "SELECT p.pattern || ' ' || c.count_total"
                + " || ' ' || c.count_error FROM log_pattern_5m c JOIN log_pattern p USING (pattern_id) WHERE c.tenant_id = "
                + tenant + " ORDER BY p.pattern"));
        assertEquals("{\"level\":50,\"time\":1772445600000,\"msg\":\"charge failed\",\"order\":\"a1\"}", Rows.single(db,
                "SELECT sample_message FROM log_pattern WHERE pattern = 'charge failed' AND tenant_id = " + tenant));
    }

    /** Text lines of carts, one second apart from {@code second} after T0. */
    private static void push(TelemetryIngestor ingestor, long tenant, int second, String... messages) throws Exception {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < messages.length; i++) {
            lines.append(T0.plusSeconds(second + i)).append(' ').append(messages[i]).append('\n');
        }
        TelemetryIngestor.Summary summary = ingestor.ingestTextLogs(tenant, new StringReader(lines.toString()), Optional.of(CARTS));
        assertEquals(List.of(), summary.rejects());
        assertEquals(messages.length, summary.staged());
    }

    private void aggregate(long tenant) throws SQLException {
        try (Connection connection = db.getConnection()) {
            connection.setAutoCommit(false);
            StagedTelemetryJob.logPatternCounts(SCHEDULE).run(new JobContext(tenant, WINDOW, connection));
            connection.commit();
        }
    }

    /** A pattern and its error events as the ingestor stored them before it followed generalisations. */
    private void storeAsTheOldIngestorDid(long tenant, String pattern, Instant at, int events) throws SQLException {
        Rows.execute(db, """
                INSERT INTO log_pattern (tenant_id, fingerprint, pattern, sample_message, severity, first_seen, last_seen)
                VALUES (%d, '%s', '%s', 'cart dave not found', 'INFO', '%s', '%s')"""
                .formatted(tenant, LogTemplate.of(pattern).fingerprintHex(), pattern, at, at));
        Rows.execute(db, """
                INSERT INTO log_event (ts, tenant_id, resource_id, pattern_id, error)
                SELECT '%3$s'::timestamptz, p.tenant_id, r.resource_id, p.pattern_id, true
                  FROM log_pattern p, dim_resource r, generate_series(1, %4$d)
                 WHERE p.tenant_id = %1$d AND p.pattern = '%2$s' AND r.tenant_id = %1$d AND r.urn = 'urn:k8s:svc:shop/carts'"""
                .formatted(tenant, pattern, at, events));
    }

    /** pattern_id, text, first and last seen of the tenant's one pattern. */
    private String patterns(long tenant) throws SQLException {
        return Rows.single(db, "SELECT pattern_id || ' ' || pattern || ' ' || to_char(first_seen AT TIME ZONE 'UTC', "
                + "'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') || ' ' || to_char(last_seen AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') "
                + "FROM log_pattern WHERE tenant_id = " + tenant);
    }

    /** The tenant's five-minute counts: pattern_id, total, errors per line. */
    private String counts(long tenant) throws SQLException {
        return String.join("\n", Rows.column(db, "SELECT pattern_id || ' ' || count_total || ' ' || count_error "
                + "FROM log_pattern_5m WHERE tenant_id = " + tenant + " ORDER BY pattern_id"));
    }

    /** The database, refusing connections while {@code down} is set. */
    private static DataSource failing(DataSource db, AtomicBoolean down) {
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    if (down.get() && method.getName().equals("getConnection")) {
                        throw new SQLTransientConnectionException("database down (test)");
                    }
                    try {
                        return method.invoke(db, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
