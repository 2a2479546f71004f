package io.rootscope.backend.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.rootscope.backend.Backend;
import io.rootscope.backend.config.BackendConfig;
import io.rootscope.backend.db.DatabaseSettings;
import io.rootscope.backend.json.Json;
import io.rootscope.backend.testing.Rows;
import io.rootscope.backend.testing.SlowPaymentMetrics;
import io.rootscope.backend.testing.TestBackend;
import io.rootscope.backend.testing.TestDatabase;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The production composition ({@link Backend#start}, as {@code ./rootscope serve} runs it) configured by nothing but a
 * {@code ROOTSCOPE_CONFIG} file: the file's port, database, Prometheus job and tenant, and query timeout all reach the
 * running backend; the timeout bounds the diagnoses behind the {@code diagnose} API (the writer's context) and the
 * {@code rca} panel (the reader's); and every endpoint answers from the one route table.
 */
class ProductionCompositionTest {

    /** The endpoints README lists, as the route table must hold them. */
    private static final Set<String> ENDPOINTS = Set.of("GET /", "POST /metrics", "POST /metric-payload-options", "POST /query",
            "POST /variable", "POST /tag-keys", "POST /tag-values", "POST /alerts/grafana", "POST /events/anteater",
            "POST /incidents/{event_id}/diagnose", "POST /incidents/{event_id}/root-cause", "POST /admin/tenants", "GET /admin/tenants", "POST /admin/tokens", "GET /health",
            "GET /metrics", "POST /v1/traces", "POST /v1/logs", "POST /v1/metrics", "POST /v1/logs/text", "POST /api/v1/write", "POST /etl/replay", "GET /etl/replay/{id}");
    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    @TempDir
    static Path dir;
    private static TestDatabase database;
    private static SlowPaymentMetrics data;
    private static Backend backend;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        database = TestDatabase.createMigrated();
        Rows.execute(database.dataSource(), "INSERT INTO dim_tenant (code, name) VALUES ('acme', 'Acme')");
        data = new SlowPaymentMetrics(database.dataSource(), "composition");
        DatabaseSettings writer = database.backendConfig(Map.of()).database().writer();
        DatabaseSettings reader = database.readerSettings();
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Path file = Files.writeString(dir.resolve("rootscope.properties"), String.join("\n",
                "ROOTSCOPE_HTTP_PORT=" + port,
                "ROOTSCOPE_OTLP_GRPC_PORT=0",
                "ROOTSCOPE_JDBC_URL=" + writer.jdbcUrl(),
                "ROOTSCOPE_DB_USER=" + writer.user(),
                "ROOTSCOPE_DB_PASSWORD=" + writer.password(),
                "ROOTSCOPE_DB_READER_USER=" + reader.user(),
                "ROOTSCOPE_DB_READER_PASSWORD=" + reader.password(),
                // Nothing listens there: the job exists and its windows fail, which is all this test needs of it.
                "ROOTSCOPE_PROMETHEUS_URL=http://127.0.0.1:1/",
                "ROOTSCOPE_TENANT=acme",
                "ROOTSCOPE_QUERY_TIMEOUT_SECONDS=" + TIMEOUT.toSeconds(), ""));
        backend = Backend.start(BackendConfig.load(Map.of("ROOTSCOPE_CONFIG", file.toString())));
    }

    @AfterAll
    static void stop() {
        if (backend != null) {
            backend.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void theFilesPortDatabaseTenantAndPrometheusJobReachTheRunningBackend() throws Exception {
        assertEquals("http://127.0.0.1:" + port, backend.url());
        assertEquals(200, send("GET", "/health", null, null).statusCode(), "listening on the file's port, reading the file's database");

        // A replay names its job and tenant: refused with "job" when the tenant has no such job, else planned (and run, or
        // refused for a range the scheduler has not reached yet).
        Instant minute = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        String range = "\"from\":\"" + minute.minus(2, ChronoUnit.MINUTES) + "\",\"to\":\"" + minute.minus(1, ChronoUnit.MINUTES) + "\"";
        HttpResponse<String> fallback = send("POST", "/etl/replay", "{\"job\":\"prometheus\",\"tenant\":\"default\"," + range + "}", null);
        assertEquals(400, fallback.statusCode(), fallback.body());
        assertEquals("job", field(fallback), "no Prometheus job for the default tenant: " + fallback.body());
        HttpResponse<String> acme = send("POST", "/etl/replay", "{\"job\":\"prometheus\",\"tenant\":\"acme\"," + range + "}", null);
        assertFalse(acme.body().contains("no job named"), "the Prometheus job runs for the file's tenant: " + acme.body());
        assertTrue(acme.statusCode() == 200 || "to".equals(field(acme)), acme.statusCode() + " " + acme.body());
    }

    @Test
    void theFilesQueryTimeoutBoundsTheDiagnosesOfTheDiagnoseApiAndTheRcaPanel() throws Exception {
        HttpResponse<String> fired = send("POST", "/alerts/grafana", """
                {"receiver":"rootscope","status":"firing","alerts":[{"status":"firing","labels":{"alertname":"CheckoutLatency",
                "service":"front-end","namespace":"rca"},"startsAt":"%s","fingerprint":"composition","generatorURL":"http://grafana/rule"}]}"""
                .formatted(data.anomalyStart), data.tenant);
        assertEquals(200, fired.statusCode(), fired.body());
        String incident = Json.MAPPER.readTree(fired.body()).at("/alerts/0/event_id").asText();

        try (Connection lock = database.dataSource().getConnection(); Statement statement = lock.createStatement()) {
            // The call graph is the last thing a diagnosis reads: held, every diagnosis waits there until its timeout.
            lock.setAutoCommit(false);
            statement.execute("LOCK TABLE rootscope.topo_edge_time IN ACCESS EXCLUSIVE MODE");
            try {
                assertTimedOut(() -> send("POST", "/incidents/" + incident + "/diagnose", "{\"method\":\"nsigma\"}", data.tenant));
                Instant otherStart = data.anomalyStart.minus(1, ChronoUnit.MINUTES);
                assertTimedOut(() -> send("POST", "/query", TestBackend.queryBody(data.start, data.end, "rca", "{\"frontend\":\""
                        + SlowPaymentMetrics.FRONT_END + "\",\"anomaly_start\":\"" + otherStart + "\"}"), data.tenant));
            } finally {
                lock.rollback();
            }
        }
    }

    @Test
    void everyEndpointAnswersFromTheOneRouteTable() throws Exception {
        Set<String> table = backend.routes().stream().map(route -> route.method() + " " + route.path())
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(ENDPOINTS), table);
        Set<String> registered = backend.app().unsafeConfig().pvt.internalRouter.allHttpHandlers().stream()
                .filter(handler -> handler.getEndpoint().getMethod().isHttpMethod())
                .map(handler -> handler.getEndpoint().getMethod() + " " + handler.getEndpoint().getPath())
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(table, registered, "the application answers exactly the table's routes");
        for (String endpoint : table) {
            String[] methodAndPath = endpoint.split(" ");
            String path = methodAndPath[1].replace("{event_id}", "not-an-incident").replace("{id}", "not-a-replay");
            HttpResponse<String> answer = send(methodAndPath[0], path, methodAndPath[0].equals("POST") ? "{}" : null, null);
            assertFalse(unrouted(methodAndPath[0], path, answer), endpoint + ": " + answer.statusCode() + " " + answer.body());
        }
        assertTrue(unrouted("GET", "/not-a-route", send("GET", "/not-a-route", null, null)), "what an unrouted request answers");
        assertTrue(unrouted("POST", "/health", send("POST", "/health", "{}", null)), "a route answers its own method only");
    }

    /** Javalin's answer to a request no route matches. */
    private static boolean unrouted(String method, String path, HttpResponse<String> answer) {
        return answer.statusCode() == 404 && answer.body().contains("Endpoint " + method + " " + path + " not found");
    }

    /** Answered 504 within a few seconds of the timeout, not held for as long as the lock. */
    private static void assertTimedOut(Request request) throws Exception {
        long started = System.nanoTime();
        HttpResponse<String> answer = request.send();
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertEquals(504, answer.statusCode(), answer.body());
        assertTrue(answer.body().contains("query exceeded the time limit"), answer.body());
        assertTrue(took.compareTo(TIMEOUT.plusSeconds(5)) < 0, "took " + took);
    }

    private interface Request {
        HttpResponse<String> send() throws Exception;
    }

    private static String field(HttpResponse<String> answer) throws Exception {
        JsonNode body = Json.MAPPER.readTree(answer.body());
        return body.path("field").asText();
    }

    private HttpResponse<String> send(String method, String path, String json, String tenant) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(backend.url() + path)).timeout(Duration.ofSeconds(30))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (tenant != null) {
            request.header("X-Rootscope-Tenant", tenant);
        }
        // A client per request: a refused body (415, 413) ends its connection, which a pooled client would reuse.
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
