package io.rootscope.backend.rca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.rootscope.backend.testing.Rows;
import io.rootscope.backend.testing.SlowPaymentMetrics;
import io.rootscope.backend.testing.TestBackend;
import io.rootscope.backend.testing.TestBackend.Response;
import io.rootscope.backend.testing.TestDatabase;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code POST /incidents/{event_id}/diagnose}: the explicit way to replace an incident's stored diagnosis. */
class IncidentDiagnosisApiTest {

    private static SlowPaymentMetrics data;
    private static TestBackend backend;
    private static DataSource db;

    @BeforeAll
    static void start() throws Exception {
        db = TestDatabase.shared().dataSource();
        data = new SlowPaymentMetrics(db, "rediagnose");
        backend = new TestBackend(Optional.empty());
    }

    @AfterAll
    static void stop() {
        backend.close();
    }

    @Test
    void reDiagnosisReplacesTheIncidentsDiagnosisAndPanelsShowIt() throws Exception {
        UUID incident = openIncident("rediagnose-1", data.tenant);
        String listenerRun = Rows.single(db, "SELECT run_id FROM rca_run WHERE event_id = '" + incident + "'");
        Instant otherStart = data.anomalyStart.minus(2, ChronoUnit.MINUTES);
        String request = "{\"method\":\"nsigma\",\"anomaly_start\":\"" + otherStart + "\"}";

        Response replaced = diagnose(incident, request, data.tenant);
        assertEquals(200, replaced.status(), replaced.text());
        String runId = replaced.body().get("run_id").asText();
        assertNotEquals(listenerRun, runId);
        assertFalse(replaced.body().get("reused").asBoolean());
        assertEquals("nsigma", replaced.body().get("method").asText());
        assertFalse(replaced.body().get("ranking").isEmpty());

        assertEquals(runId + "|nsigma|" + otherStart, Rows.single(db, "SELECT string_agg(run_id || '|' || method || '|' || "
                + "to_char(anomaly_start AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), ',') FROM rca_run WHERE event_id = '" + incident + "'"),
                "the listener's run is replaced");
        assertEquals(runId, Rows.single(db, "SELECT run_id FROM anomaly_profile WHERE event_id = '" + incident + "'"));
        assertEquals(runId, Rows.single(db, "SELECT string_agg(ref_pg ->> 'run_id', ',') FROM evidence_link WHERE event_id = '" + incident
                + "' AND dim = 'rca'"), "one ranking link, to the new run");
        assertEquals("1", Rows.single(db, "SELECT count(DISTINCT ref_pg ->> 'from') FROM evidence_link WHERE event_id = '" + incident
                + "' AND dim = 'metric'"), "the metric links of the new window only");
        assertEquals("1", Rows.single(db, "SELECT count(*) FROM evidence_link WHERE event_id = '" + incident + "' AND dim = 'event'"),
                "the alert's own link stays");

        JsonNode panel = backend.frames(TestBackend.queryBody(data.start, data.end, "rca", "{\"event_id\":\"" + incident
                + "\",\"method\":\"nsigma\",\"anomaly_start\":\"" + otherStart + "\"}"), data.tenant).get(0);
        assertEquals(runId, panel.at("/meta/custom/run_id").asText(), "the panel shows the new stored diagnosis");

        String state = IncidentDiagnosisState.of(db, incident);
        Response again = diagnose(incident, request, data.tenant);
        assertEquals(200, again.status(), again.text());
        assertTrue(again.body().get("reused").asBoolean());
        assertEquals(runId, again.body().get("run_id").asText());
        assertEquals(state, IncidentDiagnosisState.of(db, incident), "unchanged inputs write nothing");
    }

    @Test
    void anUnknownOrForeignIncidentOrABadRequestIsRefused() throws Exception {
        Rows.execute(db, "INSERT INTO dim_tenant (code, name) VALUES ('rediagnose-other', 'Other') ON CONFLICT DO NOTHING");
        UUID incident = openIncident("rediagnose-2", data.tenant);
        String state = IncidentDiagnosisState.of(db, incident);

        assertRefused(diagnose(UUID.randomUUID(), "{}", data.tenant), "event_id");
        Response foreign = diagnose(incident, "{}", "rediagnose-other");
        assertRefused(foreign, "event_id");
        assertTrue(foreign.body().get("error").asText().contains("in this tenant"), foreign.text());
        assertRefused(backend.post("/incidents/not-a-uuid/diagnose", "{}", data.tenant), "event_id");
        assertRefused(diagnose(incident, "{\"method\":\"magic\"}", data.tenant), "body.method");
        assertRefused(diagnose(incident, "{\"anomaly_start\":\"yesterday\"}", data.tenant), "body.anomaly_start");
        assertEquals(state, IncidentDiagnosisState.of(db, incident));
    }

    private static UUID openIncident(String fingerprint, String tenant) throws Exception {
        Response fired = backend.post("/alerts/grafana", """
                {"receiver":"rootscope","status":"firing","alerts":[{"status":"firing","labels":{"alertname":"CheckoutLatency",
                "service":"front-end","namespace":"rca"},"startsAt":"%s","fingerprint":"%s","generatorURL":"http://grafana/rule"}]}"""
                .formatted(data.anomalyStart, fingerprint), tenant);
        assertEquals(200, fired.status(), fired.text());
        return UUID.fromString(fired.body().at("/alerts/0/event_id").asText());
    }

    private static Response diagnose(UUID incident, String body, String tenant) throws Exception {
        return backend.post("/incidents/" + incident + "/diagnose", body, tenant);
    }

    private static void assertRefused(Response response, String field) {
        assertEquals(400, response.status(), response.text());
        assertEquals(field, response.body().get("field").asText(), response.text());
    }
}
