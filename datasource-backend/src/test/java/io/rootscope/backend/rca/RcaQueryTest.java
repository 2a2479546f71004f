package io.rootscope.backend.rca;

import static io.rootscope.backend.testing.SlowPaymentMetrics.FRONT_END;
import static io.rootscope.backend.testing.Frames.values;
import static io.rootscope.backend.testing.SlowPaymentMetrics.PAYMENT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.rootscope.backend.testing.Rows;
import io.rootscope.backend.testing.SlowPaymentMetrics;
import io.rootscope.backend.testing.TestBackend;
import io.rootscope.backend.testing.TestBackend.Response;
import io.rootscope.backend.testing.TestDatabase;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Diagnoses over stored metrics, through the rca, behavior_graph and evidence kinds and the Grafana alert webhook. */
class RcaQueryTest {

    private static SlowPaymentMetrics data;
    private static TestBackend backend;
    private static DataSource db;

    @BeforeAll
    static void start() throws Exception {
        db = TestDatabase.shared().dataSource();
        data = new SlowPaymentMetrics(db, "rca");
        backend = new TestBackend(Optional.empty());
    }

    @AfterAll
    static void stop() {
        backend.close();
    }

    @Test
    void adHocDiagnosisRanksTheSaturatedServiceFirstAndIsReusedWhenUnchanged() throws Exception {
        String payload = "{\"frontend\":\"" + FRONT_END + "\",\"anomaly_start\":\"" + data.anomalyStart + "\"}";
        List<JsonNode> first = query(data.start, data.end, "rca", payload);
        JsonNode ranking = first.get(0);
        assertEquals(PAYMENT, values(ranking, "resource").get(0));
        assertFalse(ranking.at("/meta/custom/reused").asBoolean());
        assertFalse(ranking.at("/meta/custom/stored").asBoolean(), "an ad-hoc diagnosis is not stored");
        assertEquals(data.start.toString(), ranking.at("/meta/custom/window/from").asText(), "the window compared: the panel's range");
        assertEquals(data.end.toString(), ranking.at("/meta/custom/window/to").asText());
        assertEquals(data.anomalyStart.toString(), ranking.at("/meta/custom/window/anomaly_start").asText());
        assertTrue(ranking.at("/meta/custom/window/normal_excluded").isArray() && ranking.at("/meta/custom/window/normal_excluded").isEmpty());
        List<JsonNode> second = query(data.start, data.end, "rca", payload);
        assertTrue(second.get(0).at("/meta/custom/reused").asBoolean());
        assertEquals(ranking.at("/meta/custom/diagnosis").asText(), second.get(0).at("/meta/custom/diagnosis").asText());
        assertEquals(values(ranking, "resource"), values(second.get(0), "resource"));
        assertEquals("paths", first.get(1).get("name").asText());
    }

    @Test
    void everyMethodCanBeChosenAndAnUnknownOneIsRejected() throws Exception {
        for (String method : List.of("automap", "nsigma", "baro", "pagerank")) {
            List<JsonNode> frames = query(data.start, data.end, "rca",
                    "{\"frontend\":\"" + FRONT_END + "\",\"method\":\"" + method + "\",\"anomaly_start\":\"" + data.anomalyStart + "\"}");
            assertEquals(4, values(frames.get(0), "resource").size(), method);
        }
        Response unknown = backend.post("/query", TestBackend.queryBody(data.start, data.end, "rca", "{\"frontend\":\"" + FRONT_END + "\",\"method\":\"magic\"}"), data.tenant);
        assertEquals(400, unknown.status());
        assertEquals("payload.method", unknown.body().get("field").asText());
        Response noData = backend.post("/query", TestBackend.queryBody(data.start.minus(10, ChronoUnit.DAYS), data.start.minus(9, ChronoUnit.DAYS), "rca",
                "{\"frontend\":\"" + FRONT_END + "\"}"), data.tenant);
        assertEquals(400, noData.status(), noData.text());
        assertEquals("range", noData.body().get("field").asText());
    }

    @Test
    void firingAlertOpensADiagnosedIncidentWithEvidenceAndResolvingClosesIt() throws Exception {
        String alert = """
                {"receiver":"rootscope","status":"%1$s","alerts":[{"status":"%1$s","labels":{"alertname":"CheckoutLatency",
                "service":"front-end","namespace":"rca","severity":"critical"},"annotations":{"summary":"p95 above 500 ms"},
                "startsAt":"%2$s","endsAt":"%3$s","fingerprint":"abc123","generatorURL":"http://grafana/alerting/grafana/abc/view"}]}""";
        Response fired = backend.post("/alerts/grafana", alert.formatted("firing", data.anomalyStart, "0001-01-01T00:00:00Z"), data.tenant);
        assertEquals(200, fired.status(), fired.text());
        JsonNode result = fired.body().at("/alerts/0");
        assertEquals("opened", result.get("status").asText());
        String eventId = result.get("event_id").asText();
        assertTrue(result.get("workbench").asText().startsWith("/d/rootscope-rca?var-incident=" + eventId));

        Response again = backend.post("/alerts/grafana", alert.formatted("firing", data.anomalyStart, "0001-01-01T00:00:00Z"), data.tenant);
        assertEquals("updated", again.body().at("/alerts/0/status").asText());
        assertEquals("1", Rows.single(db, "SELECT count(*) FROM event_envelope WHERE dedup_key LIKE 'grafana:abc123:%'"));

        JsonNode ranking = query(data.start, data.end, "rca", "{\"event_id\":\"" + eventId + "\"}").get(0);
        assertEquals(PAYMENT, values(ranking, "resource").get(0));
        assertTrue(ranking.at("/meta/custom/reused").asBoolean(), "the webhook already diagnosed it");
        assertEquals(Rows.single(db, "SELECT run_id FROM rca_run WHERE event_id = '" + eventId + "'"), ranking.at("/meta/custom/run_id").asText(),
                "the panel shows the incident's stored run");
        assertEquals(data.anomalyStart.toString(), ranking.at("/meta/custom/window/anomaly_start").asText(), "the incident's start");

        List<String> dims = values(query(data.start, data.end, "evidence", "{\"event_id\":\"" + eventId + "\"}").get(0), "dim");
        assertTrue(dims.containsAll(List.of("rca", "metric", "event")), dims.toString());
        List<JsonNode> graph = query(data.start, data.end, "behavior_graph", "{\"event_id\":\"" + eventId + "\"}");
        assertTrue(values(graph.get(0), "id").contains(PAYMENT));
        assertEquals("nodeGraph", graph.get(1).at("/meta/preferredVisualisationType").asText());

        Response resolved = backend.post("/alerts/grafana", alert.formatted("resolved", data.anomalyStart, data.end), data.tenant);
        assertEquals("resolved", resolved.body().at("/alerts/0/status").asText());
        assertEquals("resolved|" + data.end, Rows.single(db, "SELECT status || '|' || to_char(ended_at AT TIME ZONE 'UTC', "
                + "'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') FROM event_envelope WHERE event_id = '" + eventId + "'"));
        JsonNode annotations = query(data.start, data.end, "annotations", "{}").get(0);
        assertTrue(values(annotations, "text").get(0).contains("var-incident=" + eventId));
    }

    @Test
    void malformedAlertsAreRejectedNamingTheField() throws Exception {
        Response missingStart = backend.post("/alerts/grafana",
                "{\"alerts\":[{\"status\":\"firing\",\"labels\":{},\"fingerprint\":\"x\"}]}", data.tenant);
        assertEquals(400, missingStart.status());
        assertEquals("alerts[0].startsAt", missingStart.body().get("field").asText());
        Response badTime = backend.post("/alerts/grafana",
                "{\"alerts\":[{\"status\":\"firing\",\"labels\":{},\"fingerprint\":\"x\",\"startsAt\":\"yesterday\"}]}", data.tenant);
        assertEquals(400, badTime.status());
        assertEquals("body.alerts[0].startsAt", badTime.body().get("field").asText());
    }

    private static List<JsonNode> query(Instant from, Instant to, String kind, String payload) throws Exception {
        return backend.frames(TestBackend.queryBody(from, to, kind, payload), data.tenant);
    }
}
