package io.rootscope.backend.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rootscope.backend.Backend;
import io.rootscope.backend.config.BackendConfig;
import io.rootscope.backend.json.Json;
import io.rootscope.backend.testing.Rows;
import io.rootscope.backend.testing.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The backend process end to end on its own database: OTLP traces and logs pushed over HTTP are staged, and the
 * ETL's windows turn them into call statistics, the call topology and log-pattern counts; replay validates.
 */
class BackendProcessTest {

    private static final String SPANS = """
            {"resourceSpans": [
              {"resource": {"attributes": [{"key": "service.name", "value": {"stringValue": "front-end"}},
                                           {"key": "service.namespace", "value": {"stringValue": "shop"}}]},
               "scopeSpans": [{"spans": [
                 {"traceId": "0af7651916cd43dd8448eb211c80319c", "spanId": "b7ad6b7169203331", "name": "GET /cart", "kind": 3,
                  "startTimeUnixNano": "%1$d", "endTimeUnixNano": "%2$d",
                  "attributes": [{"key": "peer.service", "value": {"stringValue": "carts"}}]}]}]},
              {"resource": {"attributes": [{"key": "service.name", "value": {"stringValue": "carts"}},
                                           {"key": "service.namespace", "value": {"stringValue": "shop"}}]},
               "scopeSpans": [{"spans": [
                 {"traceId": "0af7651916cd43dd8448eb211c80319c", "spanId": "00f067aa0ba902b7", "parentSpanId": "b7ad6b7169203331",
                  "name": "GET /cart", "kind": 2, "startTimeUnixNano": "%1$d", "endTimeUnixNano": "%2$d", "status": {"code": 2}}]}]}]}""";
    private static final String LOGS = """
            {"resourceLogs": [{"resource": {"attributes": [{"key": "service.name", "value": {"stringValue": "carts"}},
                                                           {"key": "service.namespace", "value": {"stringValue": "shop"}}]},
              "scopeLogs": [{"logRecords": [
                {"timeUnixNano": "%1$d", "severityNumber": 17, "severityText": "ERROR", "body": {"stringValue": "cart 42 not found"}},
                {"timeUnixNano": "%1$d", "severityNumber": 17, "severityText": "ERROR", "body": {"stringValue": "cart 43 not found"}},
                {"timeUnixNano": "oops", "body": {"stringValue": "bad time"}}]}]}]}""";

    @Test
    void pushedTelemetryBecomesCallsTopologyAndLogPatterns() throws Exception {
        try (TestDatabase database = TestDatabase.createMigrated()) {
            BackendConfig config = BackendConfig.load(Map.of(
                    "ROOTSCOPE_JDBC_URL", database.settings("x", "x").jdbcUrl(), "ROOTSCOPE_HTTP_PORT", "0", "ROOTSCOPE_OTLP_GRPC_PORT", "0"));
            BackendConfig settings = config
                    .withTelemetry("default", "shop")
                    .withEtlTiming(Duration.ofSeconds(2), Duration.ZERO, Duration.ofMinutes(1), Duration.ofMillis(300));
            DataSource db = database.dataSource();
            try (Backend runtime = Backend.start(settings)) {
                long start = Instant.now().minusSeconds(5).toEpochMilli() * 1_000_000;
                HttpResponse<String> traces = post(runtime.url() + "/v1/traces", SPANS.formatted(start, start + 120_000_000L));
                assertEquals(200, traces.statusCode(), traces.body());
                assertTrue(traces.body().contains("\"calls\":1"), traces.body());
                HttpResponse<String> logs = post(runtime.url() + "/v1/logs", LOGS.formatted(start));
                assertEquals(200, logs.statusCode(), logs.body());
                assertTrue(logs.body().contains("\"rejected\":1"), logs.body());
                assertEquals(400, post(runtime.url() + "/v1/traces", "{\"resourceSpans\": 7}").statusCode());
                HttpResponse<String> text = post(runtime.url() + "/v1/logs/text?service=carts&namespace=shop", "text/plain; charset=utf-8",
                        Instant.ofEpochSecond(0, start) + " cart 44 not found\nnot a time at all\n");
                assertEquals(200, text.statusCode(), text.body());
                assertTrue(text.body().contains("\"accepted\":1") && text.body().contains("\"location\":\"line 2\""), text.body());

                String calls = "SELECT s.urn || ' ' || d.urn || ' ' || c.call_count || ' ' || c.err_rate || ' ' || c.p95_ms FROM service_call_5m c "
                        + "JOIN dim_resource s ON s.resource_id = c.src_resource_id JOIN dim_resource d ON d.resource_id = c.dst_resource_id";
                assertEquals("urn:k8s:svc:shop/front-end urn:k8s:svc:shop/carts 1 1 120", await(db, calls));
                String spans = "SELECT string_agg(r.urn || ' ' || s.operation || ' ' || coalesce(s.parent_span_id, '-') || ' ' || s.duration_us || ' ' || s.error "
                        + "|| ' ' || coalesce(p.urn, '-'), ', ' ORDER BY s.span_id) FROM trace_span s JOIN dim_resource r USING (resource_id) "
                        + "LEFT JOIN dim_resource p ON p.resource_id = s.peer_resource_id";
                assertEquals("urn:k8s:svc:shop/carts GET /cart b7ad6b7169203331 120000 true -, "
                        + "urn:k8s:svc:shop/front-end GET /cart - 120000 false urn:k8s:svc:shop/carts",
                        Rows.single(db, spans), "every span is kept for the diagnosis, a client span with its peer");
                assertEquals(200, post(runtime.url() + "/v1/traces", SPANS.formatted(start, start + 120_000_000L)).statusCode());
                assertEquals("2", Rows.single(db, "SELECT count(*) FROM trace_span"), "a span sent twice is stored once");
                assertEquals("CALLS urn:k8s:svc:shop/front-end urn:k8s:svc:shop/carts",
                        await(db, "SELECT relation || ' ' || src_urn || ' ' || dst_urn FROM rootscope.topology_at('default', now())"));
                assertEquals("cart <NUM> not found 3 2", await(db, "SELECT p.pattern || ' ' || c.count_total || ' ' || c.count_error "
                        + "FROM log_pattern_5m c JOIN log_pattern p USING (pattern_id)"));

                long old = Instant.now().minus(Duration.ofHours(3)).toEpochMilli() * 1_000_000;
                HttpResponse<String> late = post(runtime.url() + "/v1/logs", LOGS.formatted(old).replace("\"oops\"", "\"" + old + "\""));
                assertEquals(400, late.statusCode(), late.body());
                assertTrue(late.body().contains("\"field\":\"log of carts at ") && late.body().contains("beyond the lateness horizon of 120 minutes (and 2 more rejects)"),
                        late.body());

                HttpResponse<String> future = post(runtime.url() + "/etl/replay", "{\"job\":\"trace_calls_5m\",\"tenant\":\"default\",\"from\":\""
                        + Instant.now().plusSeconds(60) + "\",\"to\":\"" + Instant.now().plusSeconds(120) + "\"}");
                assertEquals(400, future.statusCode(), future.body());
                assertTrue(future.body().contains("\"field\":\"to\""), future.body());
                HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(runtime.url() + "/metrics")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertTrue(metrics.body().contains("trace_calls_5m"), "the ETL's own metrics are exported");
            }
        }
    }

    @Test
    void aTenantAddedWhileRunningGetsItsPushesAggregated() throws Exception {
        try (TestDatabase database = TestDatabase.createMigrated()) {
            BackendConfig config = BackendConfig.load(Map.of("ROOTSCOPE_JDBC_URL", database.settings("x", "x").jdbcUrl(),
                    "ROOTSCOPE_HTTP_PORT", "0", "ROOTSCOPE_OTLP_GRPC_PORT", "0", "ROOTSCOPE_AUTH_TOKEN", "admin-secret"));
            BackendConfig settings = config
                    .withEtlTiming(Duration.ofSeconds(2), Duration.ZERO, Duration.ofMinutes(1), Duration.ofMillis(300));
            DataSource db = database.dataSource();
            try (Backend runtime = Backend.start(settings)) {
                HttpResponse<String> added = postAs(runtime.url() + "/admin/tenants", "{\"code\":\"acme\",\"name\":\"Acme\"}", "bearer admin-secret");
                assertEquals(201, added.statusCode(), added.body());
                HttpResponse<String> issued = postAs(runtime.url() + "/admin/tokens", "{\"tenants\":[\"acme\"]}", "Bearer admin-secret");
                assertEquals(201, issued.statusCode(), issued.body());
                String token = Json.MAPPER.readTree(issued.body()).path("token").asText();

                long start = Instant.now().minusSeconds(5).toEpochMilli() * 1_000_000;
                // No tenant header: the token's only tenant.
                HttpResponse<String> traces = postAs(runtime.url() + "/v1/traces", SPANS.formatted(start, start + 120_000_000L), "Bearer " + token);
                assertEquals(200, traces.statusCode(), traces.body());
                assertEquals(200, postAs(runtime.url() + "/v1/logs", LOGS.formatted(start), "Bearer " + token).statusCode());

                String acme = "(SELECT tenant_id FROM dim_tenant WHERE code = 'acme')";
                assertEquals("urn:k8s:svc:shop/front-end urn:k8s:svc:shop/carts 1", await(db, "SELECT s.urn || ' ' || d.urn || ' ' || c.call_count "
                        + "FROM service_call_5m c JOIN dim_resource s ON s.resource_id = c.src_resource_id "
                        + "JOIN dim_resource d ON d.resource_id = c.dst_resource_id WHERE c.tenant_id = " + acme));
                assertEquals("cart <NUM> not found 2", await(db, "SELECT p.pattern || ' ' || c.count_total FROM log_pattern_5m c "
                        + "JOIN log_pattern p USING (pattern_id) WHERE c.tenant_id = " + acme));
                assertEquals("0", Rows.single(db, "SELECT count(*) FROM service_call_5m WHERE tenant_id <> " + acme));

                // The new tenant's jobs are known to replay: a future range is refused for its time, not for an unknown job.
                HttpResponse<String> replay = postAs(runtime.url() + "/etl/replay", "{\"job\":\"log_patterns_5m\",\"tenant\":\"acme\",\"from\":\""
                        + Instant.now().plusSeconds(60) + "\",\"to\":\"" + Instant.now().plusSeconds(120) + "\"}", "Bearer " + token);
                assertEquals(400, replay.statusCode(), replay.body());
                assertTrue(replay.body().contains("\"field\":\"to\""), replay.body());
                // ... and its token reaches no other tenant's replay.
                HttpResponse<String> foreign = postAs(runtime.url() + "/etl/replay", "{\"job\":\"log_patterns_5m\",\"tenant\":\"default\",\"from\":\""
                        + Instant.now().minusSeconds(60) + "\",\"to\":\"" + Instant.now().minusSeconds(58) + "\"}", "Bearer " + token);
                assertEquals(403, foreign.statusCode(), foreign.body());
                assertTrue(foreign.body().contains("\"field\":\"tenant\""), foreign.body());
            }
        }
    }

    private static String await(DataSource db, String sql) throws Exception {
        Instant deadline = Instant.now().plusSeconds(30);
        while (true) {
            var rows = Rows.column(db, sql);
            if (rows.size() == 1 || Instant.now().isAfter(deadline)) {
                assertEquals(1, rows.size(), "rows of " + sql + ": " + rows);
                return rows.get(0);
            }
            Thread.sleep(250);
        }
    }

    private static HttpResponse<String> post(String url, String body) throws Exception {
        return post(url, "application/json", body);
    }

    private static HttpResponse<String> post(String url, String contentType, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> postAs(String url, String body, String authorization) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .header("Authorization", authorization).POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
