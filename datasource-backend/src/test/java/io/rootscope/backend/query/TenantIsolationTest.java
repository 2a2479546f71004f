package io.rootscope.backend.query;

import static io.rootscope.backend.testing.IncidentScenario.FRONT_END;
import static io.rootscope.backend.testing.IncidentScenario.ORDERS;
import static io.rootscope.backend.testing.IncidentScenario.PAYMENT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.rootscope.backend.testing.IncidentScenario;
import io.rootscope.backend.testing.Rows;
import io.rootscope.backend.testing.TestBackend;
import io.rootscope.backend.testing.TestBackend.Response;
import io.rootscope.backend.testing.TestDatabase;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every read resolves ids inside the caller's tenant: asked as another tenant with the scenario's incident ids,
 * resource URNs and time range, every query kind, variable, tag lookup and payload option answers nothing (or refuses
 * with 400), while the scenario's own tenant gets rows for the same request.
 */
class TenantIsolationTest {

    private static final String PROBE = "isolation-probe";

    private static IncidentScenario scenario;
    private static TestBackend backend;

    @BeforeAll
    static void start() throws Exception {
        scenario = IncidentScenario.seeded();
        TestDatabase database = TestDatabase.shared();
        Rows.execute(database.dataSource(), "INSERT INTO dim_tenant (code, name) VALUES ('" + PROBE + "', 'Probe') ON CONFLICT DO NOTHING");
        Rows.execute(database.dataSource(), """
                INSERT INTO metric_1m (bucket, tenant_id, resource_id, metric, avg_val, max_val, p95_val, sample_count)
                SELECT date_trunc('minute', now()) - m * interval '1 minute', %s, resource_id, 'isolation_latency', 1, 1, 1, 1
                  FROM dim_resource, generate_series(1, 10) m WHERE urn = '%s' AND tenant_id = %s ON CONFLICT DO NOTHING"""
                .formatted(scenario.tenantId, PAYMENT, scenario.tenantId));
        backend = new TestBackend(Optional.empty());
    }

    @AfterAll
    static void stop() {
        backend.close();
    }

    @Test
    void everyQueryKindAnswersNothingOfAnotherTenant() throws Exception {
        Instant from = scenario.incidentStart.minus(1, ChronoUnit.HOURS);
        Instant to = scenario.incidentStart.plus(1, ChronoUnit.HOURS);
        String event = "\"" + scenario.incident + "\"";
        String metrics = TestBackend.queryBody(Instant.now().minus(1, ChronoUnit.HOURS), Instant.now(), "metrics",
                "{\"resource\":\"" + PAYMENT + "\",\"metric\":\"isolation_latency\",\"resolution\":\"1m\"}");
        assertTrue(rows(backend.frames(metrics, IncidentScenario.TENANT)) > 0, "the scenario's own metrics");
        assertEquals(0, rows(backend.frames(metrics, PROBE)), "another tenant's metrics");
        Map<String, String> owned = new LinkedHashMap<>();
        owned.put("incidents", "{\"status\":\"all\"}");
        owned.put("annotations", "{\"status\":\"all\"}");
        owned.put("topology", "{\"at\":\"" + scenario.incidentStart + "\"}");
        owned.put("evidence", "{\"event_id\":" + event + "}");
        owned.put("hotspots", "{\"resource\":\"" + ORDERS + "\"}");
        owned.put("log_patterns", "{}");
        owned.put("similar_incidents", "{\"event_id\":" + event + "}");
        for (Map.Entry<String, String> query : owned.entrySet()) {
            String body = TestBackend.queryBody(from, to, query.getKey(), query.getValue());
            assertTrue(rows(backend.frames(body, IncidentScenario.TENANT)) > 0, "the scenario's own " + query.getKey());
            assertEquals(0, rows(backend.frames(body, PROBE)), "another tenant's " + query.getKey() + " " + query.getValue());
        }
        // Around a resource (AGE): the URN does not exist in the probe tenant.
        assertNothing(backend.post("/query", TestBackend.queryBody(from, to, "topology", "{\"resource\":\"" + ORDERS + "\",\"hops\":2}"), PROBE));
        // Diagnoses of another tenant's incident or frontend are refused.
        assertNothing(backend.post("/query", TestBackend.queryBody(from, to, "rca", "{\"event_id\":" + event + "}"), PROBE));
        assertNothing(backend.post("/query", TestBackend.queryBody(from, to, "rca", "{\"frontend\":\"" + FRONT_END + "\"}"), PROBE));
        assertNothing(backend.post("/query", TestBackend.queryBody(from, to, "behavior_graph", "{\"event_id\":" + event + "}"), PROBE));
    }

    @Test
    void variablesTagsAndPayloadOptionsStayInTheTenant() throws Exception {
        String range = ",\"range\":{\"from\":\"" + scenario.incidentStart.minus(1, ChronoUnit.DAYS) + "\",\"to\":\"" + Instant.now() + "\"}";
        for (String target : new String[] {"services", "resources", "incidents", "metrics"}) {
            String body = "{\"payload\":{\"target\":\"" + target + "\"}" + range + "}";
            Response own = backend.post("/variable", body, IncidentScenario.TENANT);
            assertTrue(own.body().size() > 0, target + " of the scenario: " + own.text());
            Response other = backend.post("/variable", body, PROBE);
            assertEquals(200, other.status(), other.text());
            assertEquals(0, other.body().size(), target + " of another tenant: " + other.text());
        }
        for (String key : new String[] {"resource", "type", "namespace"}) {
            String body = "{\"key\":\"" + key + "\"}";
            assertTrue(backend.post("/tag-values", body, IncidentScenario.TENANT).body().size() > 0, key);
            assertEquals(0, backend.post("/tag-values", body, PROBE).body().size(), key);
        }
        for (String name : new String[] {"resource", "metric"}) {
            String body = "{\"metric\":\"metrics\",\"payload\":{\"resource\":\"" + PAYMENT + "\"},\"name\":\"" + name + "\"}";
            Response own = backend.post("/metric-payload-options", body, IncidentScenario.TENANT);
            assertTrue(own.text().contains(name.equals("resource") ? PAYMENT : "isolation_latency"), own.text());
            Response other = backend.post("/metric-payload-options", body, PROBE);
            assertEquals(200, other.status(), other.text());
            assertEquals(0, other.body().size(), name + " options of another tenant: " + other.text());
        }
    }

    /** Either refused with a 4xx naming a field, or answered with no rows. */
    private static void assertNothing(Response response) {
        if (response.status() == 200) {
            assertEquals(0, rows(response.body()), response.text());
        } else {
            assertTrue(response.status() == 400 || response.status() == 403, response.text());
            assertTrue(response.body().hasNonNull("field"), response.text());
        }
    }

    private static int rows(Iterable<JsonNode> frames) {
        int rows = 0;
        for (JsonNode frame : frames) {
            for (JsonNode field : frame.path("fields")) {
                rows += field.path("values").size();
            }
        }
        return rows;
    }
}
