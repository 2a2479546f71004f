package io.rootscope.backend.tenancy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.rootscope.backend.json.Json;
import io.rootscope.backend.testing.IncidentScenario;
import io.rootscope.backend.testing.Rows;
import io.rootscope.backend.testing.TestBackend;
import io.rootscope.backend.testing.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * With authentication on: the configured token is an admin token, issued tokens act for their tenants only (403 for
 * another tenant's header), the admin API needs an admin token, and the scheme is matched in any case.
 */
class TokenAuthTest {

    private static final String ADMIN = "admin-" + UUID.randomUUID();

    private static IncidentScenario scenario;
    private static TestBackend backend;
    private static String scenarioToken;
    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        scenario = IncidentScenario.seeded();
        backend = new TestBackend(Optional.of(ADMIN));
        scenarioToken = new ApiTokens(DSL.using(TestDatabase.shared().dataSource(), SQLDialect.POSTGRES)).issueFor(java.util.Set.of(scenario.tenantId));
    }

    @AfterAll
    static void stop() {
        backend.close();
    }

    @Test
    void theSchemeIsMatchedInAnyCase() throws Exception {
        assertEquals(200, send("GET", "/", null, "bearer " + ADMIN, null).statusCode());
        assertEquals(200, send("GET", "/", null, "BEARER " + ADMIN, null).statusCode());
        HttpResponse<String> wrong = send("GET", "/", null, "bearer not-the-token", null);
        assertEquals(401, wrong.statusCode(), wrong.body());
        assertEquals("Authorization", Json.MAPPER.readTree(wrong.body()).path("field").asText(), wrong.body());
        assertEquals(401, send("GET", "/", null, "Basic " + ADMIN, null).statusCode());
        assertEquals(401, send("GET", "/", null, null, null).statusCode());
        assertEquals(200, send("GET", "/health", null, null, null).statusCode(), "probes need no token");
    }

    @Test
    void aTenantTokenActsForItsTenantOnly() throws Exception {
        String incidents = TestBackend.queryBody(scenario.incidentStart.minus(1, ChronoUnit.HOURS), Instant.now(), "incidents", "{\"status\":\"all\"}");
        // No header: the token's only tenant.
        HttpResponse<String> own = send("POST", "/query", incidents, "Bearer " + scenarioToken, null);
        assertEquals(200, own.statusCode(), own.body());
        assertTrue(own.body().contains(scenario.incident.toString()), own.body());
        assertEquals(200, send("POST", "/query", incidents, "bearer " + scenarioToken, IncidentScenario.TENANT).statusCode());

        for (String foreign : new String[] {"default", "no-such-tenant"}) {
            HttpResponse<String> refused = send("POST", "/query", incidents, "Bearer " + scenarioToken, foreign);
            assertEquals(403, refused.statusCode(), refused.body());
            JsonNode error = Json.MAPPER.readTree(refused.body());
            assertEquals("X-Rootscope-Tenant", error.path("field").asText(), refused.body());
            assertEquals(403, error.path("status").asInt());
        }
        HttpResponse<String> alert = send("POST", "/alerts/grafana", "{\"alerts\":[]}", "Bearer " + scenarioToken, "default");
        assertEquals(403, alert.statusCode(), alert.body());
        HttpResponse<String> variable = send("POST", "/variable", "{\"payload\":{\"target\":\"services\"}}", "Bearer " + scenarioToken, "default");
        assertEquals(403, variable.statusCode(), variable.body());
        // The admin token chooses any tenant.
        assertEquals(200, send("POST", "/query", incidents, "Bearer " + ADMIN, "default").statusCode());
    }

    @Test
    void theAdminApiNeedsAnAdminToken() throws Exception {
        String code = "auth-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> refused = send("POST", "/admin/tenants", "{\"code\":\"" + code + "\"}", "Bearer " + scenarioToken, null);
        assertEquals(403, refused.statusCode(), refused.body());
        assertEquals("Authorization", Json.MAPPER.readTree(refused.body()).path("field").asText());
        assertEquals(403, send("GET", "/admin/tenants", null, "Bearer " + scenarioToken, null).statusCode());
        assertEquals(403, send("POST", "/admin/tokens", "{\"admin\":true}", "Bearer " + scenarioToken, null).statusCode());
        assertEquals("0", Rows.single(TestDatabase.shared().dataSource(), "SELECT count(*) FROM dim_tenant WHERE code = '" + code + "'"));

        HttpResponse<String> added = send("POST", "/admin/tenants", "{\"code\":\"" + code + "\",\"name\":\"Auth test\"}", "Bearer " + ADMIN, null);
        assertEquals(201, added.statusCode(), added.body());
        assertEquals(code, Json.MAPPER.readTree(added.body()).path("code").asText());
        HttpResponse<String> again = send("POST", "/admin/tenants", "{\"code\":\"" + code + "\"}", "Bearer " + ADMIN, null);
        assertEquals(400, again.statusCode(), again.body());
        assertEquals("code", Json.MAPPER.readTree(again.body()).path("field").asText());
        HttpResponse<String> badCode = send("POST", "/admin/tenants", "{\"code\":\"Bad Code\"}", "Bearer " + ADMIN, null);
        assertEquals(400, badCode.statusCode(), badCode.body());
        assertTrue(send("GET", "/admin/tenants", null, "Bearer " + ADMIN, null).body().contains("\"" + code + "\""));

        HttpResponse<String> issued = send("POST", "/admin/tokens", "{\"tenants\":[\"" + code + "\"]}", "Bearer " + ADMIN, null);
        assertEquals(201, issued.statusCode(), issued.body());
        String token = Json.MAPPER.readTree(issued.body()).path("token").asText();
        assertEquals(200, send("POST", "/variable", "{\"payload\":{\"target\":\"services\"}}", "Bearer " + token, null).statusCode());
        assertEquals(403, send("POST", "/variable", "{\"payload\":{\"target\":\"services\"}}", "Bearer " + token, IncidentScenario.TENANT).statusCode());
        assertEquals("0", Rows.single(TestDatabase.shared().dataSource(),
                "SELECT count(*) FROM api_token WHERE token_sha256 = convert_to('" + token + "', 'UTF8')"), "only its hash is stored");
        HttpResponse<String> unknown = send("POST", "/admin/tokens", "{\"tenants\":[\"no-such-tenant\"]}", "Bearer " + ADMIN, null);
        assertEquals(400, unknown.statusCode(), unknown.body());
        assertEquals("tenants", Json.MAPPER.readTree(unknown.body()).path("field").asText());

        HttpResponse<String> admin = send("POST", "/admin/tokens", "{\"admin\":true}", "Bearer " + ADMIN, null);
        String issuedAdmin = Json.MAPPER.readTree(admin.body()).path("token").asText();
        assertNotEquals(token, issuedAdmin);
        assertEquals(200, send("GET", "/admin/tenants", null, "Bearer " + issuedAdmin, null).statusCode());
    }

    @Test
    void withAuthenticationOffTheAdminApiIsClosed() throws Exception {
        try (TestBackend open = new TestBackend(Optional.empty())) {
            TestBackend.Response refused = open.post("/admin/tenants", "{\"code\":\"never\"}");
            assertEquals(403, refused.status(), refused.text());
            // ... and the header still chooses any tenant.
            assertEquals(200, open.post("/variable", "{\"payload\":{\"target\":\"services\"}}", IncidentScenario.TENANT).status());
        }
    }

    private HttpResponse<String> send(String method, String path, String body, String authorization, String tenant) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(backend.url() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (tenant != null) {
            request.header("X-Rootscope-Tenant", tenant);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
