package io.rootscope.backend.ingest.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rootscope.backend.etl.TestTenant;
import io.rootscope.backend.etl.write.ResourceResolver;
import io.rootscope.backend.testing.Rows;
import io.rootscope.backend.testing.TestDatabase;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaseDirectoryImporterTest {

    private final DataSource db = TestDatabase.shared().dataSource();
    private final CaseDirectoryImporter importer = new CaseDirectoryImporter(db, new ResourceResolver(db));

    @Test
    void importsARealCaseShiftingTheBaselineRunToEndBeforeTheFault() throws IOException, SQLException, URISyntaxException {
        // A real case of the shared datasets, shipped as a test fixture so a plain clone runs this test too.
        Path dir = Path.of(CaseDirectoryImporterTest.class.getResource("/sockshop-rcd/carts-cpu-1").toURI());
        TestTenant tenant = TestTenant.create(db, "case");
        List<String> normal = Files.readAllLines(dir.resolve("normal.csv"));
        List<String> anomalous = Files.readAllLines(dir.resolve("anomalous.csv"));
        int columns = normal.get(0).split(",").length - 1;
        long normalLast = Long.parseLong(normal.get(normal.size() - 1).split(",")[0]);
        long anomalousFirst = Long.parseLong(anomalous.get(1).split(",")[0]);

        CaseImportResult result = importer.importCase(dir, tenant.id());

        assertEquals("carts-cpu-1", result.caseId());
        assertEquals(List.of(), result.rejected());
        assertEquals(13, result.resources(), "13 containers of Sock Shop");
        long cells = (long) columns * (normal.size() - 1 + anomalous.size() - 1); // the case has no empty cells
        assertEquals(cells, result.samplesAccepted());
        assertEquals(cells, result.samplesWritten());
        // The baseline was recorded days before the fault run: it now ends one second before the fault starts.
        assertEquals(anomalousFirst - 1 - normalLast, result.normalShiftSeconds());
        assertEquals(Instant.ofEpochSecond(anomalousFirst), result.to().minusSeconds(anomalous.size() - 2));

        String carts = " FROM metric_sample s JOIN dim_resource r USING (resource_id) WHERE s.tenant_id = " + tenant.id()
                + " AND r.urn = 'urn:k8s:svc:sock-shop/carts' AND s.metric = 'cpu'";
        assertEquals(anomalous.get(1).split(",")[1], Rows.single(db, "SELECT value" + carts + " AND ts = to_timestamp(" + anomalousFirst + ")"));
        assertEquals(normal.get(1).split(",")[1], Rows.single(db, "SELECT value" + carts
                + " AND ts = to_timestamp(" + (Long.parseLong(normal.get(1).split(",")[0]) + result.normalShiftSeconds()) + ")"));
        assertEquals(String.valueOf(normal.size() - 1 + anomalous.size() - 1), Rows.single(db, "SELECT count(*)" + carts));
        assertEquals(String.valueOf(cells), Rows.single(db, "SELECT sum(sample_count) FROM metric_1m WHERE tenant_id = " + tenant.id()));

        CaseImportResult again = importer.importCase(dir, tenant.id());
        assertEquals(0, again.samplesWritten());
        assertEquals(0, again.aggregatesWritten());
    }

    @Test
    void malformedCellsAndLinesAreRejectedWithTheirLineNumbersAndTheRestIsImported(@TempDir Path dir) throws IOException, SQLException {
        writeCase(dir, "case.json", """
                {"id": "broken-1", "system": "shop", "root_cause_service": "a", "fault_type": "cpu",
                 "inject_time": 1000, "frontend_service": "a", "sampling_interval_s": 1}""");
        writeCase(dir, "normal.csv", """
                time,a_cpu,b_mem,oops
                100,1.5,10,7
                101,abc,11,7
                x102,1.7,12,7
                103,1.8
                104,,14,7
                """);
        writeCase(dir, "anomalous.csv", """
                time,a_cpu,b_mem,oops
                105,NaN,15,7
                106,2.0,1e3,7
                """);
        TestTenant tenant = TestTenant.create(db, "badcsv");

        CaseImportResult result = importer.importCase(dir, tenant.id());

        assertEquals(List.of(
                new RejectedRecord("normal.csv", 1, "oops", "oops", "column name must be <service>_<metric>"),
                new RejectedRecord("normal.csv", 3, "a_cpu", "abc", "not a finite number"),
                new RejectedRecord("normal.csv", 4, "time", "x102", "time must be epoch seconds"),
                new RejectedRecord("normal.csv", 5, null, "103,1.8", "expected 4 fields, got 2"),
                new RejectedRecord("anomalous.csv", 1, "oops", "oops", "column name must be <service>_<metric>"),
                new RejectedRecord("anomalous.csv", 2, "a_cpu", "NaN", "not a finite number")), result.rejected());
        assertEquals(7, result.samplesAccepted()); // a: 100, 106; b: 100, 101, 104, 105, 106
        assertEquals(0, result.normalShiftSeconds(), "contiguous files keep their times");
        assertEquals(List.of("a|cpu|100|1.5", "a|cpu|106|2", "b|mem|100|10", "b|mem|101|11", "b|mem|104|14", "b|mem|105|15", "b|mem|106|1000"),
                Rows.column(db, "SELECT r.name || '|' || s.metric || '|' || extract(epoch FROM s.ts)::bigint || '|' || s.value"
                        + " FROM metric_sample s JOIN dim_resource r USING (resource_id) WHERE s.tenant_id = " + tenant.id() + " ORDER BY 1"));
    }

    @Test
    void overlappingRunsAreShiftedAndUnusableInputIsRefusedNamingTheFile(@TempDir Path dir) throws IOException, SQLException {
        writeCase(dir, "case.json", """
                {"id": "overlap-1", "system": "shop", "root_cause_service": "a", "fault_type": "cpu",
                 "inject_time": 1000, "frontend_service": "a", "sampling_interval_s": 5}""");
        writeCase(dir, "normal.csv", "time,a_cpu\n1000,1\n1005,2\n");
        writeCase(dir, "anomalous.csv", "time,a_cpu\n1000,3\n1005,4\n");
        CaseImportResult result = importer.importCase(dir, TestTenant.create(db, "overlap").id());
        assertEquals(-10, result.normalShiftSeconds());
        assertEquals(Instant.ofEpochSecond(990), result.from());

        writeCase(dir, "normal.csv", "t,a_cpu\n1,1\n");
        CsvFormatException header = assertThrows(CsvFormatException.class, () -> importer.importCase(dir, 1));
        assertEquals("normal.csv line 1: the header must start with the column 'time', got: 't'", header.getMessage());
        Files.delete(dir.resolve("anomalous.csv"));
        writeCase(dir, "normal.csv", "time,a_cpu\n1,1\n");
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> importer.importCase(dir, 1));
        assertTrue(missing.getMessage().startsWith("anomalous.csv: missing"), missing.getMessage());
        writeCase(dir, "case.json", "{\"id\": \"x\"}");
        IllegalArgumentException field = assertThrows(IllegalArgumentException.class, () -> importer.importCase(dir, 1));
        assertEquals("case.json: field 'sampling_interval_s' is missing", field.getMessage());
    }

    private static void writeCase(Path dir, String name, String content) throws IOException {
        Files.writeString(dir.resolve(name), content);
    }
}
