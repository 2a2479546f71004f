package io.rootscope.backend.ingest.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.rootscope.analytics.evaluation.CaseDirectoryReader;
import io.rootscope.analytics.evaluation.RejectedRow;
import io.rootscope.backend.etl.TestTenant;
import io.rootscope.backend.etl.write.ResourceResolver;
import io.rootscope.backend.ingest.TelemetryIngestor;
import io.rootscope.backend.testing.Rows;
import io.rootscope.backend.testing.TestDatabase;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaseTelemetryImportTest {

    /** A cut of a real Train Ticket case (nezha-tt-multimodal): 6 services' metrics, 9 whole traces, 300 log lines. */
    static final String FIXTURE = "/nezha-tt-multimodal/train-ticket-2023-01-29-06-ts-basic-service-exception";
    private static final String BASIC = "urn:k8s:svc:train-ticket/ts-basic-service";
    /** The real data's three "nan" cells, refused as the metric import refuses every non-finite number. */
    private static final List<String> NAN_CELLS = List.of(
            "normal.csv:2: column ts-route-service_lat_90: not a finite number (value 'nan')",
            "normal.csv:2: column ts-route-service_lat_95: not a finite number (value 'nan')",
            "normal.csv:2: column ts-route-service_lat_99: not a finite number (value 'nan')");
    /** Cells of normal.csv and anomalous.csv (726, none empty) but those, spans and log lines of both periods, calls between services. */
    private static final int SAMPLES = 723;
    private static final int SPANS = 491;
    private static final int LOG_LINES = 300;
    private static final int CALLS = 73;

    private final DataSource db = TestDatabase.shared().dataSource();
    private final ResourceResolver resources = new ResourceResolver(db);
    private final CaseDirectoryImporter importer = new CaseDirectoryImporter(db, resources);

    static Path fixture() throws URISyntaxException {
        return Path.of(CaseTelemetryImportTest.class.getResource(FIXTURE).toURI());
    }

    @Test
    void aMultimodalCaseLandsInTheIngestTablesOnTheResourcesOfItsMetricsAndIsStoredOnce() throws Exception {
        TestTenant tenant = TestTenant.create(db, "multimodal");

        CaseImportResult result = importer.importCase(fixture(), tenant.id());

        assertEquals(NAN_CELLS, result.rejected().stream().map(RejectedRecord::toString).toList());
        assertEquals(SAMPLES, result.samplesWritten());
        assertEquals(new CaseTelemetryImporter.Result(LOG_LINES, LOG_LINES, SPANS, CALLS, List.of(), List.of(),
                result.telemetry().from(), result.telemetry().to()), result.telemetry());
        assertCounts(tenant, SAMPLES, SPANS, LOG_LINES, CALLS);
        // One service's metrics, spans and log events are one resource.
        assertEquals("1", Rows.single(db, "SELECT count(DISTINCT resource_id) FROM ("
                + "SELECT resource_id FROM metric_sample WHERE tenant_id = " + tenant.id()
                + " UNION ALL SELECT resource_id FROM trace_span WHERE tenant_id = " + tenant.id()
                + " UNION ALL SELECT resource_id FROM log_event WHERE tenant_id = " + tenant.id()
                + ") r JOIN dim_resource USING (resource_id) WHERE urn = '" + BASIC + "'"));
        assertEquals("30|59", Rows.single(db, "SELECT (SELECT count(*) FROM trace_span s JOIN dim_resource USING (resource_id)"
                + " WHERE s.tenant_id = " + tenant.id() + " AND urn = '" + BASIC + "') || '|' || (SELECT count(*) FROM log_event e"
                + " JOIN dim_resource USING (resource_id) WHERE e.tenant_id = " + tenant.id() + " AND urn = '" + BASIC + "')"));
        // Times as in the files: the first normal span, to the microsecond.
        assertEquals("1", Rows.single(db, "SELECT count(*) FROM trace_span WHERE tenant_id = " + tenant.id()
                + " AND ts = to_timestamp(1674984251.26) AND duration_us = 80715"));

        CaseImportResult again = importer.importCase(fixture(), tenant.id());
        assertEquals(List.of("logs", "spans"), again.telemetry().skipped());
        assertCounts(tenant, SAMPLES, SPANS, LOG_LINES, CALLS);
    }

    @Test
    void smallBatchesKeepEveryCallAndMineAsOneBatch() throws Exception {
        TestTenant tenant = TestTenant.create(db, "batches");
        CaseTelemetryImporter small = new CaseTelemetryImporter(db, new TelemetryIngestor(db, resources), 50);

        CaseTelemetryImporter.Result result = small.importTelemetry(fixture(), tenant.id(), "train-ticket", 0);

        assertEquals(CALLS, result.calls(), "batches of whole traces: no call loses its parent");
        assertCounts(tenant, 0, SPANS, LOG_LINES, CALLS);
        TestTenant whole = TestTenant.create(db, "onebatch");
        new CaseTelemetryImporter(db, new TelemetryIngestor(db, resources)).importTelemetry(fixture(), whole.id(), "train-ticket", 0);
        String templates = "SELECT string_agg(pattern, E'\\n' ORDER BY pattern) FROM log_pattern WHERE tenant_id = ";
        assertEquals(Rows.single(db, templates + whole.id()), Rows.single(db, templates + tenant.id()),
                "the tenant's Drain tree carries over between batches");
    }

    @Test
    void aBrokenRowInEachFileIsRejectedWithFileLineAndColumnAndTheRestIsKept(@TempDir Path dir) throws Exception {
        try (Stream<Path> files = Files.list(fixture())) {
            for (Path file : files.toList()) {
                Files.copy(file, dir.resolve(file.getFileName()));
            }
        }
        append(dir, "normal_logs.csv", "1674984250.5,,a line without a service\n");
        append(dir, "anomalous_logs.csv", "soon,ts-basic-service,a line without a time\n");
        append(dir, "normal_spans.csv", "46ceb545ecd5ea2569257ae2a255a96b,not-a-hex-id,,ts-basic-service,op,1674984250.1,5\n");
        append(dir, "anomalous_spans.csv", "46ceb545ecd5ea2569257ae2a255a96c,00000000000000ab,,ts_basic,op,1674984350.1,5\n");
        // The case reader refuses the same log rows at the same places (it keeps ids that are not hex, and names that
        // cannot be a resource's).
        List<String> inMemory = new CaseDirectoryReader().read(dir).rejected().stream().map(RejectedRow::toString).toList();
        assertEquals(List.of("normal_logs.csv:152: column service: empty service",
                "anomalous_logs.csv:152: column time: not a number: 'soon'"), inMemory);
        append(dir, "normal.csv", "x1674984000" + ",1".repeat(66) + "\n");
        append(dir, "anomalous.csv", "1674985000,oops" + ",1".repeat(65) + "\n");
        TestTenant tenant = TestTenant.create(db, "broken");

        CaseImportResult result = importer.importCase(dir, tenant.id());

        assertEquals(Stream.concat(NAN_CELLS.stream(), Stream.of(
                "normal.csv:8: column time: time must be epoch seconds (value 'x1674984000')",
                "anomalous.csv:7: column ts-basic-service_avl: not a finite number (value 'oops')",
                "normal_logs.csv:152: column service: empty service",
                "anomalous_logs.csv:152: column time: not a number: 'soon'",
                "normal_spans.csv:238: column span_id: not hex of at most 16 digits: 'not-a-hex-id'",
                "anomalous_spans.csv:257: column service: k8s:svc name 'ts_basic' may contain only letters, digits and '-', found '_'"))
                        .toList(), result.rejected().stream().map(RejectedRecord::toString).toList());
        assertCounts(tenant, SAMPLES + 65, SPANS, LOG_LINES, CALLS);
    }

    @Test
    void idsAreOtlpHexWidenedOnTheLeft() {
        assertEquals("000000000000000000000000000000ab", CaseTelemetryImporter.hexId("trace_id", "AB", 32));
        assertEquals("00000000000000ff", CaseTelemetryImporter.hexId("span_id", "00ff", 16));
        assertThrows(RuntimeException.class, () -> CaseTelemetryImporter.hexId("span_id", "0123456789abcdef0", 16));
        assertThrows(RuntimeException.class, () -> CaseTelemetryImporter.hexId("span_id", "0000", 16));
        assertThrows(RuntimeException.class, () -> CaseTelemetryImporter.hexId("span_id", "12g4", 16));
    }

    private void assertCounts(TestTenant tenant, int samples, int spans, int logEvents, int calls) throws SQLException {
        String where = " WHERE tenant_id = " + tenant.id();
        assertEquals(samples + "|" + spans + "|" + logEvents + "|" + calls, Rows.single(db,
                "SELECT (SELECT count(*) FROM metric_sample" + where + ") || '|' || (SELECT count(*) FROM trace_span" + where
                        + ") || '|' || (SELECT count(*) FROM log_event" + where + ") || '|' || (SELECT count(*) FROM span_call" + where + ")"));
    }

    private static void append(Path dir, String file, String row) throws IOException {
        Files.writeString(dir.resolve(file), row, StandardOpenOption.APPEND);
    }
}
