package io.rootscope.backend.query;

import static io.rootscope.backend.testing.IncidentScenario.CARTS;
import static io.rootscope.backend.testing.IncidentScenario.FRONT_END;
import static io.rootscope.backend.testing.IncidentScenario.NODE;
import static io.rootscope.backend.testing.IncidentScenario.ORDERS;
import static io.rootscope.backend.testing.IncidentScenario.PAYMENT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.rootscope.backend.testing.IncidentScenario;
import io.rootscope.backend.testing.TestBackend;
import io.rootscope.backend.testing.TestBackend.Response;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each query kind over HTTP against the known incident scenario. */
class QueryKindsTest {

    private static IncidentScenario scenario;
    private static TestBackend backend;

    @BeforeAll
    static void start() throws Exception {
        scenario = IncidentScenario.seeded();
        backend = new TestBackend(Optional.empty());
    }

    @AfterAll
    static void stop() {
        backend.close();
    }

    @Test
    void incidentsListsEventsInRangeWithTheirTopCause() throws Exception {
        JsonNode frame = query(scenario.incidentStart.minus(1, ChronoUnit.HOURS), Instant.now(), "incidents", "{\"status\":\"open\"}").get(0);
        assertEquals(List.of(scenario.incident.toString()), values(frame, "event_id"));
        assertEquals(List.of(PAYMENT), values(frame, "top_cause"));
        JsonNode all = query(scenario.incidentStart.minus(8, ChronoUnit.DAYS), Instant.now(), "incidents", "{}").get(0);
        assertEquals(3, values(all, "event_id").size());
    }

    @Test
    void annotationsCarryTimeRangeTagsAndAWorkbenchLink() throws Exception {
        JsonNode frame = query(scenario.incidentStart.minus(8, ChronoUnit.DAYS), Instant.now(), "annotations", "{\"status\":\"resolved\"}").get(0);
        assertEquals(List.of("time", "timeEnd", "title", "text", "tags", "event_id"), fieldNames(frame));
        assertEquals(2, values(frame, "title").size());
        String text = values(frame, "text").get(0);
        assertTrue(text.contains("/d/rootscope-rca?var-incident="), text);
        assertTrue(field(frame, "tags").get("values").get(0).toString().contains("resolved"));
    }

    @Test
    void topologyAtATimeIsANodeGraph() throws Exception {
        List<JsonNode> frames = query(scenario.incidentStart.minus(1, ChronoUnit.HOURS), scenario.incidentStart,
                "topology", "{\"relation\":\"calls\"}");
        assertEquals("nodeGraph", frames.get(0).at("/meta/preferredVisualisationType").asText());
        assertEquals(new TreeSet<>(Set.of(FRONT_END, ORDERS, PAYMENT)), new TreeSet<>(values(frames.get(0), "id")));
        assertEquals(List.of(FRONT_END, ORDERS), values(frames.get(1), "source"));
        JsonNode before = query(scenario.incidentStart.minus(3, ChronoUnit.HOURS), scenario.incidentStart,
                "topology", "{\"at\":\"" + scenario.incidentStart.minus(2, ChronoUnit.HOURS) + "\"}").get(1);
        assertTrue(values(before, "target").contains(CARTS));
    }

    @Test
    void neighbourhoodAndImpactComeFromTheGraph() throws Exception {
        List<JsonNode> neighbourhood = query(scenario.incidentStart, Instant.now(), "topology", "{\"resource\":\"" + PAYMENT + "\",\"hops\":1}");
        assertEquals(new TreeSet<>(Set.of(PAYMENT, ORDERS)), new TreeSet<>(values(neighbourhood.get(0), "id")));
        List<JsonNode> impact = query(scenario.incidentStart, Instant.now(), "topology",
                "{\"resource\":\"" + NODE + "\",\"hops\":3,\"mode\":\"impact\"}");
        assertEquals(new TreeSet<>(Set.of(NODE, ORDERS, FRONT_END)), new TreeSet<>(values(impact.get(0), "id")));
        assertBad(backend.post("/query", body(scenario.incidentStart, Instant.now(), "topology", "{\"resource\":\"" + NODE + "\",\"hops\":9}"),
                IncidentScenario.TENANT), "payload.hops");
    }

    @Test
    void evidenceRowsLinkToTheirDetail() throws Exception {
        JsonNode frame = query(scenario.incidentStart, Instant.now(), "evidence", "{\"event_id\":\"" + scenario.incident + "\"}").get(0);
        assertEquals(List.of("rca", "log", "metric"), values(frame, "dim"));
        List<String> links = values(frame, "link");
        assertTrue(links.get(0).startsWith("/d/rootscope-rca?var-incident="), links.get(0));
        assertTrue(links.get(2).startsWith("/explore?"), links.get(2));
        assertBad(backend.post("/query", body(scenario.incidentStart, Instant.now(), "evidence", "{\"event_id\":\"not-a-uuid\"}"),
                IncidentScenario.TENANT), "payload.event_id");
    }

    @Test
    void hotspotsRankDownstreamDependencies() throws Exception {
        JsonNode frame = query(scenario.incidentStart, scenario.incidentStart.plus(30, ChronoUnit.MINUTES), "hotspots",
                "{\"resource\":\"" + ORDERS + "\",\"top\":1}").get(0);
        assertEquals(List.of(PAYMENT), values(frame, "downstream"));
    }

    @Test
    void logPatternsCountAndFilter() throws Exception {
        Instant from = scenario.incidentStart;
        Instant to = scenario.incidentStart.plus(30, ChronoUnit.MINUTES);
        JsonNode all = query(from, to, "log_patterns", "{}").get(0);
        assertEquals(List.of("order <*> placed", "payment gateway timeout after <*> ms"), values(all, "pattern"));
        assertEquals(List.of("600", "42"), values(all, "count"));
        JsonNode fresh = query(from, to, "log_patterns", "{\"new_only\":true}").get(0);
        assertEquals(List.of("payment gateway timeout after <*> ms"), values(fresh, "pattern"));
        JsonNode searched = query(from, to, "log_patterns", "{\"search\":\"GATEWAY\",\"severity\":\"error\"}").get(0);
        assertEquals(List.of("42"), values(searched, "errors"));
    }

    @Test
    void similarIncidentsAreOrderedByDistance() throws Exception {
        JsonNode frame = query(scenario.incidentStart, Instant.now(), "similar_incidents",
                "{\"event_id\":\"" + scenario.incident + "\",\"k\":1}").get(0);
        assertEquals(List.of(scenario.pastIncident.toString()), values(frame, "event_id"));
        assertEquals(List.of(PAYMENT), values(frame, "root_cause"));
    }

    private static List<JsonNode> query(Instant from, Instant to, String kind, String payload) throws Exception {
        return backend.frames(body(from, to, kind, payload), IncidentScenario.TENANT);
    }

    private static String body(Instant from, Instant to, String kind, String payload) {
        return "{\"range\":{\"from\":\"" + from + "\",\"to\":\"" + to + "\"},\"maxDataPoints\":500,\"targets\":[{\"refId\":\"A\",\"target\":\""
                + kind + "\",\"payload\":" + payload + "}]}";
    }

    private static JsonNode field(JsonNode frame, String name) {
        for (JsonNode field : frame.get("fields")) {
            if (field.get("name").asText().equals(name)) {
                return field;
            }
        }
        throw new AssertionError("no field " + name + " in " + frame);
    }

    private static List<String> values(JsonNode frame, String name) {
        List<String> values = new ArrayList<>();
        field(frame, name).get("values").forEach(v -> values.add(v.isNull() ? null : v.isNumber() && v.asDouble() == Math.rint(v.asDouble())
                ? String.valueOf(v.asLong()) : v.asText()));
        return values;
    }

    private static List<String> fieldNames(JsonNode frame) {
        List<String> names = new ArrayList<>();
        frame.get("fields").forEach(f -> names.add(f.get("name").asText()));
        return names;
    }

    private static void assertBad(Response response, String field) {
        assertEquals(400, response.status(), response.text());
        assertEquals(field, response.body().get("field").asText(), response.text());
    }
}
