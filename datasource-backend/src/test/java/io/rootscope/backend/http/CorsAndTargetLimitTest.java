package io.rootscope.backend.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rootscope.backend.testing.TestBackend;
import io.rootscope.backend.testing.TestDatabase;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Configured CORS origins get CORS headers and no other origin does; a {@code /query} with too many targets is a 400. */
class CorsAndTargetLimitTest {

    private static final String GRAFANA = "https://grafana.example.com";
    private static TestBackend backend;

    @BeforeAll
    static void start() {
        TestDatabase database = TestDatabase.shared();
        backend = new TestBackend(database, database.backendConfig(Map.of("ROOTSCOPE_QUERY_MAX_TARGETS", "3",
                "ROOTSCOPE_HTTP_CORS_ORIGINS", GRAFANA + ",http://localhost:3000")));
    }

    @AfterAll
    static void stop() {
        backend.close();
    }

    @Test
    void onlyAConfiguredOriginGetsCorsHeaders() throws Exception {
        TestBackend.Response allowed = backend.send(HttpRequest.newBuilder(URI.create(backend.url() + "/")).header("Origin", GRAFANA).GET());
        assertEquals(GRAFANA, allowed.headers().firstValue("Access-Control-Allow-Origin").orElse(""), allowed.headers().toString());
        TestBackend.Response other = backend.send(HttpRequest.newBuilder(URI.create(backend.url() + "/")).header("Origin", "http://evil.example").GET());
        assertTrue(other.headers().firstValue("Access-Control-Allow-Origin").isEmpty(), other.headers().toString());
    }

    @Test
    void aQueryOverTheTargetLimitIs400NamingTargets() throws Exception {
        Instant to = Instant.now();
        String targets = IntStream.range(0, 4).mapToObj(i -> "{\"refId\":\"R" + i + "\",\"target\":\"incidents\",\"payload\":{}}")
                .collect(Collectors.joining(","));
        String body = "{\"range\":{\"from\":\"" + to.minusSeconds(3600) + "\",\"to\":\"" + to + "\"},\"targets\":[" + targets + "]}";
        TestBackend.Response refused = backend.post("/query", body);
        assertEquals(400, refused.status(), refused.text());
        assertEquals("targets", refused.body().get("field").asText());
        assertTrue(refused.body().get("error").asText().contains("at most 3"), refused.text());
        String three = body.replace(",{\"refId\":\"R3\",\"target\":\"incidents\",\"payload\":{}}", "");
        assertEquals(200, backend.post("/query", three).status());
    }
}
