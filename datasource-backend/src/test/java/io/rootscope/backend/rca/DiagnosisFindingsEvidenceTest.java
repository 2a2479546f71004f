package io.rootscope.backend.rca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.rootscope.analytics.rca.Diagnosis;
import io.rootscope.analytics.rca.DiagnosisWindow;
import io.rootscope.analytics.rca.EvidenceItem;
import io.rootscope.backend.testing.Frames;
import io.rootscope.backend.testing.Rows;
import io.rootscope.backend.testing.ShopTelemetry;
import io.rootscope.backend.testing.SlowPaymentMetrics;
import io.rootscope.backend.testing.TestBackend;
import io.rootscope.backend.testing.TestDatabase;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An incident's stored diagnosis whose explanation has log and trace findings: the evidence chain (the {@code evidence}
 * query kind, read as the tenant through the read-only pool) links the log template's {@code log_pattern} row and each
 * failing operation with its traces as the detail locator; a new diagnosis of the incident replaces them; another tenant
 * sees none of them.
 */
class DiagnosisFindingsEvidenceTest {

    private static final String OTHER_TENANT = "findings-other";

    private static DataSource db;
    private static TestBackend backend;
    private static SlowPaymentMetrics data;
    private static ShopTelemetry telemetry;
    private static UUID incident;
    private static Diagnosis diagnosis;

    @BeforeAll
    static void storeADiagnosisWithFindings() throws Exception {
        db = TestDatabase.shared().dataSource();
        data = new SlowPaymentMetrics(db, "findings");
        Rows.execute(db, "INSERT INTO dim_tenant (code, name) VALUES ('" + OTHER_TENANT + "', 'Other') ON CONFLICT DO NOTHING");
        telemetry = new ShopTelemetry(db, "rca");
        telemetry.push(data.tenantId, data.anomalyStart.minus(20, ChronoUnit.MINUTES), 30, 4, data.anomalyStart);
        incident = UUID.fromString(Rows.single(db, """
                INSERT INTO event_envelope (tenant_id, resource_id, dedup_key, source, kind, severity, status, title, started_at)
                SELECT %s, resource_id, 'findings', 'test', 'slo_violation', 'ERROR', 'open', 'failing checkout', '%s'
                  FROM dim_resource WHERE tenant_id = %s AND urn = '%s' RETURNING event_id"""
                .formatted(data.tenantId, data.anomalyStart, data.tenantId, SlowPaymentMetrics.FRONT_END)));
        diagnosis = store("first");
        backend = new TestBackend(Optional.empty());
    }

    @AfterAll
    static void stop() {
        backend.close();
    }

    @Test
    void theChainLinksTheTemplatesAndOperationsTheDiagnosisFoundWithTheirTraces() throws Exception {
        JsonNode frame = evidence(data.tenant);
        List<String> dims = Frames.values(frame, "dim");
        List<String> titles = Frames.values(frame, "title");
        List<String> details = Frames.values(frame, "detail");
        List<String> links = Frames.values(frame, "link");

        int log = titles.indexOf("log pattern (ERROR) of payment");
        assertTrue(log >= 0, "the error template is linked: " + titles);
        assertEquals("log", dims.get(log));
        String template = diagnosis.explanation().evidence().stream().filter(i -> i.kind() == EvidenceItem.Kind.LOG_TEMPLATE)
                .findFirst().orElseThrow().subject();
        assertEquals(template, details.get(log), "the log_pattern row of the finding's template");
        assertEquals(Rows.single(db, "SELECT pattern_id FROM log_pattern WHERE tenant_id = " + data.tenantId + " AND pattern = '"
                + template.replace("'", "''") + "'"), links.get(log).substring(links.get(log).indexOf("var-pattern_id=") + "var-pattern_id=".length()));

        for (String[] operation : new String[][] {{"payment", ShopTelemetry.CHARGE}, {"orders", ShopTelemetry.PLACE},
                {"front-end", ShopTelemetry.CHECKOUT}}) {
            int row = titles.indexOf("operation of " + operation[0]);
            assertTrue(row >= 0, operation[0] + "'s failing operation is linked: " + titles);
            assertEquals("trace", dims.get(row));
            EvidenceItem item = diagnosis.explanation().evidence().stream()
                    .filter(i -> i.kind() == EvidenceItem.Kind.OPERATION && i.service().equals(telemetry.urn(operation[0]))).findFirst().orElseThrow();
            assertEquals(ErrorCountingMethod.TRACES_PER_FINDING, item.traceIds().size());
            assertEquals(operation[1] + " (traces " + String.join(", ", item.traceIds()) + ")", details.get(row));
            String explore = URLDecoder.decode(links.get(row), StandardCharsets.UTF_8);
            assertTrue(explore.startsWith("/explore?") && explore.contains("rootscope-postgres"), explore);
            for (String trace : item.traceIds()) {
                assertTrue(explore.contains("'" + trace + "'"), "the locator fetches trace " + trace + ": " + explore);
            }
        }
        // The locator's query fetches exactly those traces' spans, as the read-only role of the tenant would.
        String query = Rows.single(db, "SELECT query FROM detail_locator WHERE tenant_id = " + data.tenantId + " AND dataset = 'traces' LIMIT 1");
        assertEquals("9", Rows.single(db, "SELECT count(*) FROM (" + query + ") spans"),
                "three spans of each of three traces");
    }

    @Test
    void aNewDiagnosisReplacesTheFindingsLinksAndAnotherTenantSeesNone() throws Exception {
        String before = Rows.single(db, "SELECT count(*) FROM evidence_link WHERE event_id = '" + incident + "' AND dim IN ('log', 'trace')");
        assertEquals("4", before, "one template and three operations");
        store("second");
        assertEquals(before, Rows.single(db, "SELECT count(*) FROM evidence_link WHERE event_id = '" + incident + "' AND dim IN ('log', 'trace')"),
                "replaced, not added");
        assertEquals(Rows.single(db, "SELECT run_id FROM rca_run WHERE event_id = '" + incident + "'"),
                Rows.single(db, "SELECT DISTINCT ref_pg ->> 'run_id' FROM evidence_link WHERE event_id = '" + incident + "' AND dim IN ('log', 'trace')"));
        JsonNode other = evidence(OTHER_TENANT);
        assertEquals("dim", other.path("fields").path(0).path("name").asText(), "the evidence frame, empty: " + other);
        assertEquals(0, other.path("fields").path(0).path("values").size(), "nothing of another tenant's incident: " + other);
    }

    /** Loads the incident's window, ranks it with the test method and stores it as the incident's diagnosis. */
    private static Diagnosis store(String inputHash) throws SQLException {
        DSLContext writer = DSL.using(db, SQLDialect.POSTGRES);
        RcaService rca = new RcaService(writer);
        RcaService.RcaRequest request = rca.forIncident(writer, data.tenant, data.tenantId, incident, SlowPaymentMetrics.FRONT_END, data.anomalyStart,
                ErrorCountingMethod.NAME);
        DiagnosisWindow window = new DiagnosisWindowLoader(writer).load(data.tenantId, request.frontendUrn(), request.from(), request.to(),
                request.anomalyStart()).orElseThrow().window();
        Diagnosis ranked = new ErrorCountingMethod().rank(window);
        assertEquals(telemetry.urn("payment"), ranked.ranking().get(0).service());
        long frontendId = Long.parseLong(Rows.single(db, "SELECT resource_id FROM dim_resource WHERE tenant_id = " + data.tenantId
                + " AND urn = '" + SlowPaymentMetrics.FRONT_END + "'"));
        new DiagnosisRunStore(writer).replace(request, incident, frontendId, inputHash, ranked, 1.0, LearningVersion.NONE);
        return ranked;
    }

    private static JsonNode evidence(String tenant) throws Exception {
        Instant now = Instant.now();
        List<JsonNode> frames = new ArrayList<>(backend.frames(TestBackend.queryBody(now.minus(2, ChronoUnit.HOURS), now, "evidence",
                "{\"event_id\":\"" + incident + "\"}"), tenant));
        return frames.get(0);
    }
}
