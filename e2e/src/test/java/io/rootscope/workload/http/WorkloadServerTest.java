package io.rootscope.workload.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rootscope.workload.fault.FaultRegistry;
import io.rootscope.workload.sim.LoadModel;
import io.rootscope.workload.sim.Simulation;
import io.rootscope.workload.topology.SockShopTopology;
import io.rootscope.workload.topology.Topology;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WorkloadServerTest {

    private static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");

    private final ObjectMapper mapper = new ObjectMapper();
    private final HttpClient client = HttpClient.newHttpClient();
    private Instant now = T0;
    private Simulation simulation;
    private WorkloadServer server;

    @BeforeEach
    void start() throws IOException {
        Topology topology = SockShopTopology.create();
        Random random = new Random(9);
        simulation = new Simulation(topology, new FaultRegistry(topology, f -> { }), new LoadModel(random), random,
                Duration.ofSeconds(1));
        InstantSource clock = () -> now;
        server = new WorkloadServer(0, simulation, clock, mapper, mapper::createObjectNode);
        simulation.step(now);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode json(HttpResponse<String> response) throws IOException {
        return mapper.readTree(response.body());
    }

    private void assertRejected(String body, String field) throws Exception {
        HttpResponse<String> response = send("POST", "/faults", body);
        assertEquals(400, response.statusCode(), response.body());
        assertEquals(field, json(response).path("field").asText(), response.body());
        assertTrue(json(response).path("error").asText().length() > 5);
    }

    @Test
    void servesPrometheusMetrics() throws Exception {
        HttpResponse<String> response = send("GET", "/metrics", null);
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElseThrow().startsWith("text/plain; version=0.0.4"));
        assertTrue(response.body().contains("# TYPE istio_requests_total counter"));
        assertTrue(response.body().contains("container_cpu_usage_seconds_total{"));
    }

    @Test
    void injectsListsAndCancelsFaults() throws Exception {
        HttpResponse<String> created = send("POST", "/faults",
                "{\"type\":\"HTTP_ABORT\",\"target\":\"payment\",\"durationSeconds\":60,\"intensity\":0.5}");
        assertEquals(201, created.statusCode(), created.body());
        String id = json(created).path("id").asText();
        assertEquals("/faults/" + id, created.headers().firstValue("Location").orElseThrow());

        now = now.plusSeconds(1);
        simulation.step(now);
        JsonNode listed = json(send("GET", "/faults", null));
        assertEquals(1, listed.size());
        assertEquals("ACTIVE", listed.get(0).path("status").asText());
        assertEquals(now.toString(), listed.get(0).path("startedAt").asText());

        now = now.plusSeconds(5);
        HttpResponse<String> deleted = send("DELETE", "/faults/" + id, null);
        assertEquals(200, deleted.statusCode());
        assertEquals("CANCELLED", json(deleted).path("status").asText());
        assertEquals(now.toString(), json(deleted).path("endedAt").asText());
        assertEquals("CANCELLED", json(send("GET", "/faults/" + id, null)).path("status").asText());
    }

    @Test
    void startDelayIsOptional() throws Exception {
        HttpResponse<String> created = send("POST", "/faults", "{\"type\":\"pod-kill\",\"target\":\"user\","
                + "\"durationSeconds\":10,\"intensity\":1,\"startDelaySeconds\":30}");
        assertEquals(201, created.statusCode(), created.body());
        assertEquals(T0.plusSeconds(30).toString(), json(created).path("scheduledStart").asText());
    }

    @Test
    void rejectsInvalidFaultsNamingTheField() throws Exception {
        assertRejected("{\"target\":\"payment\",\"durationSeconds\":60,\"intensity\":0.5}", "type");
        assertRejected("{\"type\":\"DISK_FILL\",\"target\":\"payment\",\"durationSeconds\":60,\"intensity\":0.5}",
                "type");
        assertRejected("{\"type\":\"CPU_STRESS\",\"target\":\"checkout\",\"durationSeconds\":60,\"intensity\":0.5}",
                "target");
        assertRejected("{\"type\":\"CPU_STRESS\",\"target\":\"carts\",\"durationSeconds\":-1,\"intensity\":0.5}",
                "durationSeconds");
        assertRejected("{\"type\":\"CPU_STRESS\",\"target\":\"carts\",\"durationSeconds\":\"long\",\"intensity\":0.5}",
                "durationSeconds");
        assertRejected("{\"type\":\"CPU_STRESS\",\"target\":\"carts\",\"durationSeconds\":60,\"intensity\":3}",
                "intensity");
        assertRejected("{\"type\":\"CPU_STRESS\",\"target\":\"carts\",\"durationSeconds\":60}", "intensity");
        assertRejected("{\"type\":\"CPU_STRESS\",\"target\":\"carts\",\"durationSeconds\":60,\"intensity\":0.5,"
                + "\"intensty\":1}", "intensty");
        assertRejected("{not json", "body");
        assertRejected("[1,2]", "body");
        assertEquals(0, json(send("GET", "/faults", null)).size());
    }

    @Test
    void unknownFaultsAndResourcesAre404() throws Exception {
        assertEquals(404, send("DELETE", "/faults/fault-99", null).statusCode());
        assertEquals(404, send("GET", "/nothing", null).statusCode());
        assertEquals(405, send("PUT", "/faults", "{}").statusCode());
    }

    @Test
    void servesTheTopology() throws Exception {
        JsonNode topology = json(send("GET", "/topology", null));
        assertEquals(14, topology.path("services").size());
        assertEquals(15, topology.path("calls").size());
        assertEquals("front-end", topology.path("calls").get(0).path("caller").asText());
    }
}
