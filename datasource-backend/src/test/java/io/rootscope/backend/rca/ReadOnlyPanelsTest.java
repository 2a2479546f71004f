package io.rootscope.backend.rca;

import static io.rootscope.backend.testing.Frames.values;
import static io.rootscope.backend.testing.SlowPaymentMetrics.FRONT_END;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.rootscope.backend.testing.Rows;
import io.rootscope.backend.testing.SlowPaymentMetrics;
import io.rootscope.backend.testing.TestBackend;
import io.rootscope.backend.testing.TestBackend.Response;
import io.rootscope.backend.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Panel queries ({@code rca}, {@code behavior_graph}) never write: an incident's stored diagnosis, profile and evidence stay as
 * its listener made them whatever a panel asks, ad-hoc diagnoses add no rows, and a stored run is shown only to its tenant.
 */
class ReadOnlyPanelsTest {

    private static SlowPaymentMetrics data;
    private static TestBackend backend;
    private static DataSource db;
    private static UUID incident;

    @BeforeAll
    static void start() throws Exception {
        db = TestDatabase.shared().dataSource();
        data = new SlowPaymentMetrics(db, "readonly");
        backend = new TestBackend(Optional.empty());
        Response fired = backend.post("/alerts/grafana", """
                {"receiver":"rootscope","status":"firing","alerts":[{"status":"firing","labels":{"alertname":"CheckoutLatency",
                "service":"front-end","namespace":"rca"},"startsAt":"%s","fingerprint":"readonly-1"}]}""".formatted(data.anomalyStart),
                data.tenant);
        assertEquals(200, fired.status(), fired.text());
        incident = UUID.fromString(fired.body().at("/alerts/0/event_id").asText());
    }

    @AfterAll
    static void stop() {
        backend.close();
    }

    @Test
    void panelsWithAnotherAnomalyStartOrMethodLeaveTheIncidentsDiagnosisUnchanged() throws Exception {
        String before = IncidentDiagnosisState.of(db, incident);
        assertTrue(before.startsWith("runs 1 "), before);
        Instant otherStart = data.anomalyStart.minus(5, ChronoUnit.MINUTES);

        JsonNode otherWindow = query("rca", "{\"event_id\":\"" + incident + "\",\"anomaly_start\":\"" + otherStart + "\"}").get(0);
        assertFalse(otherWindow.at("/meta/custom/stored").asBoolean(), "another anomaly start is diagnosed ad hoc");
        assertTrue(otherWindow.at("/meta/custom/run_id").isMissingNode() || otherWindow.at("/meta/custom/run_id").isNull());
        JsonNode otherMethod = query("rca", "{\"event_id\":\"" + incident + "\",\"method\":\"nsigma\"}").get(0);
        assertFalse(otherMethod.at("/meta/custom/stored").asBoolean(), "another method is diagnosed ad hoc");
        query("behavior_graph", "{\"event_id\":\"" + incident + "\",\"anomaly_start\":\"" + otherStart + "\",\"method\":\"pagerank\"}");

        JsonNode stored = query("rca", "{\"event_id\":\"" + incident + "\"}").get(0);
        assertTrue(stored.at("/meta/custom/stored").asBoolean());
        assertEquals(Rows.single(db, "SELECT run_id FROM rca_run WHERE event_id = '" + incident + "'"), stored.at("/meta/custom/run_id").asText());
        assertEquals(before, IncidentDiagnosisState.of(db, incident));
    }

    @Test
    void adHocRefreshesOverAMovingRangeAddNoRows() throws Exception {
        String runs = "SELECT count(*) || '/' || (SELECT count(*) FROM rca_candidate) FROM rca_run";
        String before = Rows.single(db, runs);
        String payload = "{\"frontend\":\"" + FRONT_END + "\",\"anomaly_start\":\"" + data.anomalyStart + "\"}";
        JsonNode last = null;
        for (int refresh = 0; refresh < 20; refresh++) {
            Duration shift = Duration.ofSeconds(15L * refresh);
            last = frames(data.start.plus(shift), data.end.plus(shift), "rca", payload).get(0);
            assertFalse(last.at("/meta/custom/reused").asBoolean(), "refresh " + refresh + " is a new window");
        }
        assertEquals(before, Rows.single(db, runs), "rca_run and rca_candidate rows");
        Duration shift = Duration.ofSeconds(15L * 19);
        JsonNode again = frames(data.start.plus(shift), data.end.plus(shift), "rca", payload).get(0);
        assertTrue(again.at("/meta/custom/reused").asBoolean(), "the same range again comes from the cache");
        assertEquals(last.at("/meta/custom/diagnosis").asText(), again.at("/meta/custom/diagnosis").asText());
    }

    @Test
    void theBehaviorGraphShowsTheDiagnosisOfTheRcaPanel() throws Exception {
        String payload = "{\"frontend\":\"" + FRONT_END + "\",\"method\":\"baro\",\"anomaly_start\":\"" + data.anomalyStart + "\"}";
        JsonNode ranking = query("rca", payload).get(0);
        JsonNode nodes = query("behavior_graph", payload).get(0);
        assertEquals(values(ranking, "resource"), values(nodes, "id"));
        List<String> scores = new ArrayList<>();
        for (String score : values(ranking, "score")) {
            scores.add(String.format(Locale.ROOT, "%.3f", Double.parseDouble(score)));
        }
        assertEquals(scores, values(nodes, "mainstat"));
    }

    @Test
    void aRunIdResolvesOnlyInsideTheCallersTenant() throws Exception {
        String runId = Rows.single(db, "SELECT run_id FROM rca_run WHERE event_id = '" + incident + "'");
        List<JsonNode> own = query("behavior_graph", "{\"run_id\":" + runId + "}");
        assertFalse(values(own.get(0), "id").isEmpty());

        Rows.execute(db, "INSERT INTO dim_tenant (code, name) VALUES ('readonly-other', 'Other') ON CONFLICT DO NOTHING");
        Response foreign = backend.post("/query", TestBackend.queryBody(data.start, data.end, "behavior_graph", "{\"run_id\":" + runId + "}"),
                "readonly-other");
        assertEquals(400, foreign.status(), foreign.text());
        assertEquals("payload.run_id", foreign.body().get("field").asText());
        assertEquals("payload.run_id: no diagnosis run " + runId + " in this tenant", foreign.body().get("error").asText());
        assertFalse(foreign.text().contains("nodeGraph"));
    }

    private static List<JsonNode> query(String kind, String payload) throws Exception {
        return frames(data.start, data.end, kind, payload);
    }

    private static List<JsonNode> frames(Instant from, Instant to, String kind, String payload) throws Exception {
        return backend.frames(TestBackend.queryBody(from, to, kind, payload), data.tenant);
    }
}
