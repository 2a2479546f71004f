package io.rootscope.workload.otlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rootscope.workload.fault.FaultRegistry;
import io.rootscope.workload.fault.FaultSpec;
import io.rootscope.workload.fault.FaultType;
import io.rootscope.workload.sim.LoadModel;
import io.rootscope.workload.sim.Simulation;
import io.rootscope.workload.sim.Tick;
import io.rootscope.workload.topology.SockShopTopology;
import io.rootscope.workload.topology.Topology;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Traces and logs have the OTLP/JSON shape and a consistent span tree. */
class OtlpJsonTest {

    private static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");

    private final ObjectMapper mapper = new ObjectMapper();
    private final Topology topology = SockShopTopology.create();
    private final FaultRegistry faults = new FaultRegistry(topology, f -> { });
    private final Simulation simulation;
    private final TraceGenerator traces = new TraceGenerator(topology, new Random(2), 20);
    private final LogGenerator logs = new LogGenerator(topology, new Random(3));
    private final OtlpJson json = new OtlpJson(mapper, topology);

    OtlpJsonTest() {
        Random random = new Random(1);
        simulation = new Simulation(topology, faults, new LoadModel(random), random, Duration.ofSeconds(1));
    }

    private record Exported(JsonNode traces, JsonNode logs) {
    }

    private Exported exportTicks(int ticks) throws Exception {
        List<SpanRecord> spans = new ArrayList<>();
        List<LogRecord> lines = new ArrayList<>();
        Tick tick = null;
        for (int i = 0; i < ticks; i++) {
            tick = simulation.step(T0.plusSeconds(i));
            List<SpanRecord> tickSpans = traces.generate(tick);
            spans.addAll(tickSpans);
            lines.addAll(logs.generate(tick, tickSpans));
        }
        // Round-trip through text, as the receiver will see it.
        return new Exported(mapper.readTree(mapper.writeValueAsString(json.traces(spans, tick.pods()))),
                mapper.readTree(mapper.writeValueAsString(json.logs(lines, tick.pods()))));
    }

    private static String attribute(JsonNode attributes, String key) {
        for (JsonNode attribute : attributes) {
            if (attribute.path("key").asText().equals(key)) {
                return attribute.path("value").path("stringValue").asText();
            }
        }
        return null;
    }

    private static List<JsonNode> spans(JsonNode request, Map<JsonNode, String> serviceOf) {
        List<JsonNode> spans = new ArrayList<>();
        for (JsonNode resource : request.path("resourceSpans")) {
            String service = attribute(resource.path("resource").path("attributes"), "service.name");
            for (JsonNode scope : resource.path("scopeSpans")) {
                assertEquals(OtlpJson.SCOPE_NAME, scope.path("scope").path("name").asText());
                scope.path("spans").forEach(span -> {
                    spans.add(span);
                    serviceOf.put(span, service);
                });
            }
        }
        return spans;
    }

    @Test
    void spansFormTreesAcrossServices() throws Exception {
        Map<JsonNode, String> serviceOf = new HashMap<>();
        List<JsonNode> spans = spans(exportTicks(5).traces(), serviceOf);
        assertTrue(spans.size() > 100);
        Map<String, JsonNode> byId = new HashMap<>();
        Map<String, Integer> rootsPerTrace = new HashMap<>();
        for (JsonNode span : spans) {
            assertTrue(span.path("traceId").asText().matches("[0-9a-f]{32}"));
            assertTrue(span.path("spanId").asText().matches("[0-9a-f]{16}"));
            assertTrue(span.path("startTimeUnixNano").isTextual() && span.path("endTimeUnixNano").isTextual());
            assertTrue(Long.parseLong(span.path("endTimeUnixNano").asText())
                    >= Long.parseLong(span.path("startTimeUnixNano").asText()));
            assertTrue(span.path("kind").isInt());
            byId.put(span.path("spanId").asText(), span);
            if (!span.has("parentSpanId")) {
                rootsPerTrace.merge(span.path("traceId").asText(), 1, Integer::sum);
                assertEquals("front-end", serviceOf.get(span));
                assertEquals(SpanKind.SERVER.number(), span.path("kind").asInt());
            }
        }
        assertEquals(100, rootsPerTrace.size(), "20 traces per tick");
        assertTrue(rootsPerTrace.values().stream().allMatch(n -> n == 1), "one root per trace");
        Set<String> edges = new HashSet<>();
        for (JsonNode span : spans) {
            if (!span.has("parentSpanId")) {
                continue;
            }
            JsonNode parent = byId.get(span.path("parentSpanId").asText());
            assertTrue(parent != null, "parent exists");
            assertEquals(parent.path("traceId").asText(), span.path("traceId").asText());
            int kind = span.path("kind").asInt();
            if (kind == SpanKind.SERVER.number()) {
                // A server span's parent is the caller's client span, in another service.
                assertEquals(SpanKind.CLIENT.number(), parent.path("kind").asInt());
                edges.add(serviceOf.get(parent) + "->" + serviceOf.get(span));
            } else if (kind == SpanKind.CLIENT.number()) {
                assertEquals(serviceOf.get(parent), serviceOf.get(span), "client spans live in the caller");
                assertTrue(attribute(span.path("attributes"), "peer.service") != null);
            }
        }
        assertTrue(edges.containsAll(Set.of("front-end->catalogue", "front-end->carts", "orders->payment")), edges.toString());
    }

    @Test
    void resourcesNameTheServiceAndPod() throws Exception {
        for (JsonNode resource : exportTicks(2).traces().path("resourceSpans")) {
            JsonNode attributes = resource.path("resource").path("attributes");
            String service = attribute(attributes, "service.name");
            assertTrue(topology.find(service).isPresent(), service);
            assertTrue(attribute(attributes, "k8s.pod.name").startsWith(service + "-"));
            assertEquals("sock-shop", attribute(attributes, "k8s.namespace.name"));
        }
    }

    @Test
    void failuresShowAsErrorSpansAndErrorLogs() throws Exception {
        faults.schedule(new FaultSpec(FaultType.HTTP_ABORT, "catalogue", Duration.ZERO, Duration.ofMinutes(1), 1.0),
                T0);
        Exported exported = exportTicks(3);
        Map<JsonNode, String> serviceOf = new HashMap<>();
        List<JsonNode> errors = spans(exported.traces(), serviceOf).stream()
                .filter(span -> span.path("status").path("code").asInt() == 2).toList();
        assertTrue(errors.stream().anyMatch(span -> serviceOf.get(span).equals("catalogue")));
        assertTrue(errors.stream().anyMatch(span -> serviceOf.get(span).equals("front-end")));
        int correlated = 0;
        int uncorrelated = 0;
        for (JsonNode resource : exported.logs().path("resourceLogs")) {
            for (JsonNode record : resource.path("scopeLogs").get(0).path("logRecords")) {
                assertTrue(record.path("timeUnixNano").asText().matches("[0-9]+"));
                assertTrue(record.path("body").path("stringValue").asText().length() > 0);
                if (record.path("severityNumber").asInt() == Severity.ERROR.number()
                        && attribute(resource.path("resource").path("attributes"), "service.name").equals("front-end")) {
                    if (record.has("traceId")) {
                        assertTrue(record.path("traceId").asText().matches("[0-9a-f]{32}"));
                        assertTrue(record.path("spanId").asText().matches("[0-9a-f]{16}"));
                        correlated++;
                    } else {
                        uncorrelated++;
                    }
                }
            }
        }
        assertTrue(correlated > 0, "front-end logs failed calls in sampled traces");
        assertTrue(uncorrelated > 0, "and failed calls outside them");
    }

    @Test
    void noTracesWhileTheEntryServiceIsDown() {
        faults.schedule(new FaultSpec(FaultType.POD_KILL, "front-end", Duration.ZERO, Duration.ofMinutes(1), 1.0), T0);
        assertEquals(List.of(), traces.generate(simulation.step(T0)));
    }
}
