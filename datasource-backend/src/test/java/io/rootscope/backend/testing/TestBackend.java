package io.rootscope.backend.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariDataSource;
import io.rootscope.backend.Backend;
import io.rootscope.backend.config.BackendConfig;
import io.rootscope.backend.config.ConfigKey;
import io.rootscope.backend.db.DataSourceFactory;
import io.rootscope.backend.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The real backend ({@link Backend}, the production composition) on the shared test database, listening on a free
 * loopback port, with its ETL composed but not ticking, and a small HTTP client.
 */
public final class TestBackend implements AutoCloseable {

    private final HikariDataSource reader;
    private final Backend backend;
    private final HttpClient client = HttpClient.newHttpClient();
    private final Optional<String> token;

    public TestBackend(Optional<String> token) {
        this(TestDatabase.shared(), token);
    }

    public TestBackend(TestDatabase database, Optional<String> token) {
        this(database, database.backendConfig(token.map(t -> Map.of(ConfigKey.AUTH_TOKEN.key(), t)).orElse(Map.of())));
    }

    /** A backend configured by {@code config} (its database's pools are the test database's), its admin token sent. */
    public TestBackend(TestDatabase database, BackendConfig config) {
        this.token = config.authToken();
        this.reader = DataSourceFactory.create(database.readerSettings(), "test-reader");
        this.backend = Backend.serve(config, database.dataSource(), reader);
    }

    /** The backend itself (its Kafka side's counters). */
    public Backend backend() {
        return backend;
    }

    public String url() {
        return backend.url();
    }

    /** The OTLP/gRPC listener's port (the tests' configuration turns it on, on any free port). */
    public int otlpGrpcPort() {
        return backend.otlpGrpcPort().orElseThrow();
    }

    public record Response(int status, JsonNode body, String text, HttpHeaders headers) {
    }

    public Response post(String path, String json) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url() + path)).POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** A POST as tenant {@code tenant} (header X-Rootscope-Tenant). */
    public Response post(String path, String json, String tenant) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url() + path)).header("X-Rootscope-Tenant", tenant)
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** A Grafana {@code /query} body: one target of {@code kind} with {@code payload} (JSON) over [from, to]. */
    public static String queryBody(Instant from, Instant to, String kind, String payload) {
        return "{\"range\":{\"from\":\"" + from + "\",\"to\":\"" + to + "\"},\"targets\":[{\"refId\":\"A\",\"target\":\"" + kind
                + "\",\"payload\":" + payload + "}]}";
    }

    /** The frames answered to a {@code /query} body as tenant {@code tenant}; the answer must be a 200. */
    public List<JsonNode> frames(String body, String tenant) throws IOException, InterruptedException {
        Response response = post("/query", body, tenant);
        assertEquals(200, response.status(), response.text());
        List<JsonNode> frames = new ArrayList<>();
        response.body().forEach(frames::add);
        return frames;
    }

    public Response get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url() + path)).GET());
    }

    /** Sends {@code request} with the bearer token, and as JSON unless it names its own Content-Type. */
    public Response send(HttpRequest.Builder request) throws IOException, InterruptedException {
        if (request.build().headers().firstValue("Content-Type").isEmpty()) {
            request.header("Content-Type", "application/json");
        }
        token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = null;
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        if (contentType.startsWith("application/json")) {
            body = Json.MAPPER.readTree(response.body());
        }
        return new Response(response.statusCode(), body, response.body(), response.headers());
    }

    @Override
    public void close() {
        backend.close();
        reader.close();
    }
}
