package io.rootscope.backend.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.rootscope.analytics.rca.methods.RootCauseMethods;
import io.rootscope.backend.testing.TestBackend;
import io.rootscope.backend.testing.TestBackend.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The RCA method names reach Grafana two ways, both from analytics' registry: the {@code methods} variable target
 * (the RCA workbench's method variable) and the {@code rca} kind's {@code method} choices in {@code POST /metrics}
 * (the query editor).
 */
class MethodsVariableTest {

    private static TestBackend backend;

    @BeforeAll
    static void start() throws Exception {
        backend = new TestBackend(Optional.empty());
    }

    @AfterAll
    static void stop() {
        backend.close();
    }

    @Test
    void theMethodsVariableListsTheRegisteredMethodsAsTheRcaKindOffersThem() throws Exception {
        Response variable = backend.post("/variable", "{\"payload\":{\"target\":\"methods\"}}");
        assertEquals(200, variable.status(), variable.text());
        List<String> values = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        variable.body().forEach(v -> {
            values.add(v.get("__value").asText());
            texts.add(v.get("__text").asText());
        });
        assertEquals(RootCauseMethods.names(), values);
        assertEquals(values, texts);

        Response kinds = backend.post("/metrics", "{}");
        assertEquals(200, kinds.status(), kinds.text());
        assertEquals(values, rcaMethodChoices(kinds.body()));
    }

    private static List<String> rcaMethodChoices(JsonNode kinds) {
        List<String> choices = new ArrayList<>();
        for (JsonNode kind : kinds) {
            for (JsonNode field : kind.get("payloads")) {
                if (kind.get("value").asText().equals("rca") && field.get("name").asText().equals("method")) {
                    field.get("options").forEach(o -> choices.add(o.get("value").asText()));
                }
            }
        }
        return choices;
    }
}
