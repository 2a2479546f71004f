package io.rootscope.backend.rca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.rootscope.backend.testing.Frames;
import io.rootscope.backend.testing.Rows;
import io.rootscope.backend.testing.SlowPaymentMetrics;
import io.rootscope.backend.testing.TestBackend;
import io.rootscope.backend.testing.TestBackend.Response;
import io.rootscope.backend.testing.TestDatabase;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Confirmed root causes teach the diagnosis ({@code POST /incidents/{id}/root-cause}, a resolved alert's {@code root_cause}
 * label): the tenant's next diagnoses use the learned metric-type weights, a new backend on the same database too, and
 * another tenant's confirmations never move them.
 */
class RootCauseLearningTest {

    private static DataSource db;

    @BeforeAll
    static void start() {
        db = TestDatabase.shared().dataSource();
    }

    @Test
    void aConfirmationTeachesTheTenantsNextDiagnosesAcrossARestartAndNoOtherTenants() throws Exception {
        SlowPaymentMetrics a = new SlowPaymentMetrics(db, "learning-a");
        SlowPaymentMetrics b = new SlowPaymentMetrics(db, "learning-b");
        UUID first;
        String weightsBefore;
        String weightsLearned;
        try (TestBackend backend = new TestBackend(Optional.empty())) {
            first = openIncident(backend, a, "learning-a-1");
            weightsBefore = weights(first);
            assertEquals("0|0", learningOf(first), "nothing learned yet");

            // Tenant B confirms a cause: A's diagnosis is not moved (same inputs, reused).
            UUID other = openIncident(backend, b, "learning-b-1");
            Response confirmedB = confirm(backend, other, SlowPaymentMetrics.CARTS, b.tenant);
            assertEquals(200, confirmedB.status(), confirmedB.text());
            assertTrue(confirmedB.body().get("learned").asBoolean(), confirmedB.text());
            Response unmoved = backend.post("/incidents/" + first + "/diagnose", "{}", a.tenant);
            assertEquals(200, unmoved.status(), unmoved.text());
            assertTrue(unmoved.body().get("reused").asBoolean(), "another tenant's confirmation changes nothing: " + unmoved.text());
            assertEquals(weightsBefore, weights(first));

            // A confirms a cause its metrics hardly show: the lesson gives each metric type less than full weight.
            Response confirmed = confirm(backend, first, SlowPaymentMetrics.CARTS, a.tenant);
            assertEquals(200, confirmed.status(), confirmed.text());
            assertTrue(confirmed.body().get("learned").asBoolean(), confirmed.text());
            assertEquals("multimodal", confirmed.body().get("method").asText());
            assertEquals(1, confirmed.body().at("/learning/lessons").asInt());
            Response rediagnosed = backend.post("/incidents/" + first + "/diagnose", "{}", a.tenant);
            assertEquals(200, rediagnosed.status(), rediagnosed.text());
            assertFalse(rediagnosed.body().get("reused").asBoolean(), "the learning is an input of the diagnosis");
            assertEquals(1, rediagnosed.body().at("/learning/lessons").asInt());
            weightsLearned = weights(first);
            assertNotEquals(weightsBefore, weightsLearned);
            assertEquals(confirmed.body().at("/learning/revision").asText() + "|1", learningOf(first),
                    "the stored diagnosis records the history it used");
            JsonNode panel = backend.frames(TestBackend.queryBody(a.start, a.end, "rca", "{\"event_id\":\"" + first + "\"}"),
                    a.tenant).get(0);
            assertEquals(1, panel.at("/meta/custom/learning/lessons").asInt(), panel.toString());
        }
        // A new backend on the same database: the next incident of A is diagnosed with the learned weights.
        try (TestBackend restarted = new TestBackend(Optional.empty())) {
            UUID second = openIncident(restarted, a, "learning-a-2");
            assertEquals(weightsLearned, weights(second));
            assertTrue(learningOf(second).endsWith("|1"), learningOf(second));
            UUID otherSecond = openIncident(restarted, b, "learning-b-2");
            assertTrue(learningOf(otherSecond).endsWith("|1"), "B learned from its own confirmation only");
        }
    }

    @Test
    void confirmationsAreKeptAndTheLatestWins() throws Exception {
        SlowPaymentMetrics data = new SlowPaymentMetrics(db, "learning-history");
        try (TestBackend backend = new TestBackend(Optional.empty())) {
            UUID incident = openIncident(backend, data, "learning-history-1");
            assertEquals(200, confirm(backend, incident, SlowPaymentMetrics.ORDERS, data.tenant).status());
            Response latest = backend.post("/incidents/" + incident + "/root-cause", """
                    {"resource":"%s","confirmed_by":"bob","note":"payment's CPU limit"}""".formatted(SlowPaymentMetrics.PAYMENT), data.tenant);
            assertEquals(200, latest.status(), latest.text());
            assertEquals(2, latest.body().get("confirmations").asInt());
            assertEquals("orders:alice,payment:bob", Rows.single(db, """
                    SELECT string_agg(r.name || ':' || c.confirmed_by, ',' ORDER BY c.confirmation_id) FROM root_cause_confirmation c
                      JOIN dim_resource r ON r.resource_id = c.resource_id WHERE c.event_id = '%s'""".formatted(incident)));
            assertEquals(latest.body().get("confirmation_id").asText() + "|1", Rows.single(db,
                    "SELECT max(confirmation_id) || '|' || count(*) FROM learned_lesson WHERE event_id = '" + incident + "'"),
                    "one lesson per incident, the latest confirmation's");
            assertEquals(SlowPaymentMetrics.PAYMENT, Rows.single(db, "SELECT r.urn FROM anomaly_profile p JOIN dim_resource r "
                    + "ON r.resource_id = p.root_cause_resource_id WHERE p.event_id = '" + incident + "'"));
        }
    }

    @Test
    void aResolvedAlertWithARootCauseLabelConfirmsIt() throws Exception {
        SlowPaymentMetrics data = new SlowPaymentMetrics(db, "learning-alert");
        try (TestBackend backend = new TestBackend(Optional.empty())) {
            UUID incident = openIncident(backend, data, "learning-alert-1");
            Response unknown = backend.post("/alerts/grafana", resolved(data, "learning-alert-1", "nowhere"), data.tenant);
            assertEquals(400, unknown.status(), unknown.text());
            assertEquals("alerts[0].labels.root_cause", unknown.body().get("field").asText());
            assertEquals("open", Rows.single(db, "SELECT status FROM event_envelope WHERE event_id = '" + incident + "'"),
                    "a refused notification changes nothing");

            Response resolved = backend.post("/alerts/grafana", resolved(data, "learning-alert-1", "payment"), data.tenant);
            assertEquals(200, resolved.status(), resolved.text());
            assertEquals(SlowPaymentMetrics.PAYMENT, resolved.body().at("/alerts/0/root_cause").asText(), resolved.text());
            assertEquals("grafana_alert|grafana alert CheckoutLatency|" + SlowPaymentMetrics.PAYMENT, Rows.single(db, """
                    SELECT c.source || '|' || c.confirmed_by || '|' || r.urn FROM root_cause_confirmation c
                      JOIN dim_resource r ON r.resource_id = c.resource_id WHERE c.event_id = '%s'""".formatted(incident)));
        }
    }

    @Test
    void similarIncidentsPreferConfirmedOnesAndShowTheirConfirmedCause() throws Exception {
        SlowPaymentMetrics data = new SlowPaymentMetrics(db, "learning-similar");
        try (TestBackend backend = new TestBackend(Optional.empty())) {
            UUID unconfirmed = openIncident(backend, data, "learning-similar-1");
            UUID confirmedIncident = openIncident(backend, data, "learning-similar-2");
            UUID current = openIncident(backend, data, "learning-similar-3");
            assertEquals(200, confirm(backend, confirmedIncident, SlowPaymentMetrics.PAYMENT, data.tenant).status());
            JsonNode frame = backend.frames(TestBackend.queryBody(data.start, data.end, "similar_incidents",
                    "{\"event_id\":\"" + current + "\",\"k\":5}"), data.tenant).get(0);
            assertEquals(List.of(confirmedIncident.toString(), unconfirmed.toString()), Frames.values(frame, "event_id"));
            assertEquals(List.of(SlowPaymentMetrics.PAYMENT, "null"), Frames.values(frame, "root_cause"), "the confirmed cause");
            assertEquals(List.of("alice", "null"), Frames.values(frame, "confirmed_by"));
            assertEquals(List.of(SlowPaymentMetrics.PAYMENT, SlowPaymentMetrics.PAYMENT), Frames.values(frame, "diagnosed_cause"),
                    "the top cause of each one's diagnosis");
        }
    }

    @Test
    void badInputIsRefusedNamingTheFieldAndAnotherTenantsIncidentIsNotFound() throws Exception {
        SlowPaymentMetrics data = new SlowPaymentMetrics(db, "learning-refused");
        Rows.execute(db, "INSERT INTO dim_tenant (code, name) VALUES ('learning-stranger', 'Other') ON CONFLICT DO NOTHING");
        try (TestBackend backend = new TestBackend(Optional.empty())) {
            UUID incident = openIncident(backend, data, "learning-refused-1");
            String path = "/incidents/" + incident + "/root-cause";
            assertRefused(backend.post(path, "{\"confirmed_by\":\"alice\"}", data.tenant), 400, "body.resource");
            assertRefused(backend.post(path, "{\"resource\":\"" + SlowPaymentMetrics.PAYMENT + "\"}", data.tenant), 400, "body.confirmed_by");
            assertRefused(backend.post(path, "{\"resource\":\"urn:k8s:svc:rca/nowhere\",\"confirmed_by\":\"alice\"}", data.tenant), 400,
                    "body.resource");
            assertRefused(backend.post(path, "", data.tenant), 400, "body");
            assertRefused(backend.post(path, "{\"resource\":\"" + SlowPaymentMetrics.PAYMENT + "\",\"confirmed_by\":\"alice\",\"note\":\""
                    + "x".repeat(70_000) + "\"}", data.tenant), 400, "body.note");
            assertRefused(backend.post("/incidents/not-a-uuid/root-cause", "{}", data.tenant), 400, "event_id");
            assertRefused(confirm(backend, UUID.randomUUID(), SlowPaymentMetrics.PAYMENT, data.tenant), 404, "event_id");
            assertRefused(confirm(backend, incident, SlowPaymentMetrics.PAYMENT, "learning-stranger"), 404, "event_id");
            assertEquals("0", Rows.single(db, "SELECT count(*) FROM root_cause_confirmation WHERE event_id = '" + incident + "'"));
        }
    }

    private static UUID openIncident(TestBackend backend, SlowPaymentMetrics data, String fingerprint) throws Exception {
        Response fired = backend.post("/alerts/grafana", """
                {"receiver":"rootscope","status":"firing","alerts":[{"status":"firing","labels":{"alertname":"CheckoutLatency",
                "service":"front-end","namespace":"rca"},"startsAt":"%s","fingerprint":"%s"}]}"""
                .formatted(data.anomalyStart, fingerprint), data.tenant);
        assertEquals(200, fired.status(), fired.text());
        return UUID.fromString(fired.body().at("/alerts/0/event_id").asText());
    }

    private static String resolved(SlowPaymentMetrics data, String fingerprint, String rootCause) {
        return """
                {"receiver":"rootscope","status":"resolved","alerts":[{"status":"resolved","labels":{"alertname":"CheckoutLatency",
                "service":"front-end","namespace":"rca","root_cause":"%s"},"startsAt":"%s","fingerprint":"%s"}]}"""
                .formatted(rootCause, data.anomalyStart, fingerprint);
    }

    private static Response confirm(TestBackend backend, UUID incident, String resource, String tenant) throws Exception {
        return backend.post("/incidents/" + incident + "/root-cause",
                "{\"resource\":\"" + resource + "\",\"confirmed_by\":\"alice\"}", tenant);
    }

    /** The metric-type weights of the incident's stored diagnosis. */
    private static String weights(UUID incident) throws Exception {
        return Rows.single(db, "SELECT explanation -> 'metricTypeWeights' FROM rca_run WHERE event_id = '" + incident + "'");
    }

    private static String learningOf(UUID incident) throws Exception {
        return Rows.single(db, "SELECT learning_revision || '|' || learned_lessons FROM rca_run WHERE event_id = '" + incident + "'");
    }

    private static void assertRefused(Response response, int status, String field) {
        assertEquals(status, response.status(), response.text());
        assertEquals(field, response.body().get("field").asText(), response.text());
    }
}
