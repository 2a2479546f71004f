package io.rootscope.backend.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rootscope.backend.testing.Rows;
import io.rootscope.backend.testing.TestBackend;
import io.rootscope.backend.testing.TestBackend.Response;
import io.rootscope.backend.testing.TestDatabase;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code POST /events/anteater} over HTTP: good events open incidents, bad ones are 400s naming the field. */
class AnteaterEventsRouteTest {

    private static final String EVENT = """
            {"Timestamp": %d, "Attributes": {"entity_id": "x", "event_id": "%s", "event_type": "sys"},
             "Resource": {"metric": "gala_gopher_cpu_total_used_per", "metric_label": {"machine_id": "%s"}, "score": 0.9},
             "SeverityText": "WARN", "SeverityNumber": 13, "Body": "CPU anomaly"}""";

    @Test
    void goodEventsOpenIncidentsAndBadPayloadsAreRejected() throws Exception {
        Rows.execute(TestDatabase.shared().dataSource(),
                "INSERT INTO dim_resource (tenant_id, urn, type, name) VALUES (1, 'urn:host:route-test-host', 'host', 'h') ON CONFLICT DO NOTHING");
        long now = Instant.now().toEpochMilli();
        try (TestBackend backend = new TestBackend(Optional.empty())) {
            Response opened = backend.post("/events/anteater", "[" + EVENT.formatted(now, "route-1", "route-test-host") + ","
                    + EVENT.formatted(now, "route-2", "no-such-host") + "]");
            assertEquals(200, opened.status(), opened.text());
            assertEquals(1, opened.body().get("accepted").asInt());
            assertEquals("[1].Resource.metric_label.machine_id", opened.body().at("/rejects/0/location").asText());

            Response allBad = backend.post("/events/anteater", EVENT.formatted(now, "route-3", "no-such-host"));
            assertEquals(400, allBad.status(), allBad.text());
            assertEquals("Resource.metric_label.machine_id", allBad.body().get("field").asText().replaceFirst("^\\[0]\\.", ""));

            Response notJson = backend.post("/events/anteater", "not json at all");
            assertEquals(400, notJson.status(), notJson.text());
            assertEquals("body", notJson.body().get("field").asText());
            assertTrue(!notJson.text().contains("at io."), notJson.text());
        }
    }
}
