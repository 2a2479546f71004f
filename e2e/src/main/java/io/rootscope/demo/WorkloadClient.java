package io.rootscope.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rootscope.workload.fault.FaultType;
import io.rootscope.workload.topology.ServiceKind;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The simulator's HTTP API as a chaos tool and its ground truth: inject and cancel faults, read the topology. */
public final class WorkloadClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI url;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public WorkloadClient(URI url) {
        this.url = url;
    }

    /** A fault as the simulator accepted it. */
    public record InjectedFault(String id, String type, String target, Instant requestedAt) {
    }

    /** A service call of the simulated system. */
    public record CallEdge(String caller, String callee) {
    }

    public InjectedFault inject(FaultPlan plan) throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode()
                .put("type", plan.type().name())
                .put("target", plan.target())
                .put("durationSeconds", plan.duration().toSeconds())
                .put("intensity", plan.intensity());
        JsonNode fault = send(HttpRequest.newBuilder(url.resolve("/faults"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))), 201);
        return new InjectedFault(fault.path("id").asText(), fault.path("type").asText(), fault.path("target").asText(),
                Instant.parse(fault.path("requestedAt").asText()));
    }

    public void cancel(InjectedFault fault) throws IOException, InterruptedException {
        send(HttpRequest.newBuilder(url.resolve("/faults/" + fault.id())).DELETE(), 200);
    }

    /** The simulated services, in the simulator's order. */
    public List<String> services() throws IOException, InterruptedException {
        List<String> names = new ArrayList<>();
        topology().path("services").forEach(service -> names.add(service.path("name").asText()));
        return names;
    }

    /** The simulated services a fault of this type can be injected into, in the simulator's order. */
    public List<String> services(FaultType type) throws IOException, InterruptedException {
        List<String> names = new ArrayList<>();
        topology().path("services").forEach(service -> {
            if (type.acceptsTarget(ServiceKind.valueOf(service.path("kind").asText()), service.path("runtime").asText())) {
                names.add(service.path("name").asText());
            }
        });
        return names;
    }

    /** The service external traffic enters through. */
    public String entryService() throws IOException, InterruptedException {
        return topology().path("entryService").asText();
    }

    public String namespace() throws IOException, InterruptedException {
        return topology().path("namespace").asText();
    }

    public List<CallEdge> calls() throws IOException, InterruptedException {
        List<CallEdge> calls = new ArrayList<>();
        topology().path("calls").forEach(call -> calls.add(new CallEdge(call.path("caller").asText(), call.path("callee").asText())));
        return calls;
    }

    private JsonNode topology() throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(url.resolve("/topology")).GET(), 200);
    }

    private JsonNode send(HttpRequest.Builder request, int expected) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IOException("workload answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }
}
