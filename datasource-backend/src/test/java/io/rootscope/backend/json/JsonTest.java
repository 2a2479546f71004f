package io.rootscope.backend.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.rootscope.backend.refusal.InvalidInputException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Request parsing: each mistake is a 400 naming the field and the kind of value expected, in no Java terms. */
class JsonTest {

    record Inner(UUID id, Instant at) {
    }

    record Request(Integer count, Long big, Boolean flag, String name, List<Inner> items, Map<String, String> labels, JsonNode payload) {
    }

    private static InvalidInputException bad(String json) {
        return assertThrows(InvalidInputException.class, () -> Json.read(json, Request.class, "body"));
    }

    private static void assertBad(String json, String field, String message) {
        InvalidInputException e = bad(json);
        assertEquals(field, e.field());
        assertEquals(field + ": " + message, e.getMessage());
    }

    @Test
    void namesTheFieldAndTheKindOfValueExpected() {
        assertBad("{\"count\": \"many\"}", "body.count", "expected an integer from -2147483648 to 2147483647");
        assertBad("{\"count\": 1e40}", "body.count", "number out of range: expected an integer from -2147483648 to 2147483647");
        assertBad("{\"big\": 99999999999999999999}", "body.big", "number out of range: expected an integer from "
                + Long.MIN_VALUE + " to " + Long.MAX_VALUE);
        assertBad("{\"flag\": \"x\"}", "body.flag", "expected true or false");
        assertBad("{\"name\": []}", "body.name", "expected a string");
        assertBad("{\"items\": {}}", "body.items", "expected an array");
        assertBad("{\"items\": [1]}", "body.items[0]", "expected an object");
        assertBad("{\"items\": [{\"id\": \"nope\"}]}", "body.items[0].id", "expected a UUID such as 123e4567-e89b-12d3-a456-426614174000");
        assertBad("{\"items\": [{\"at\": \"noon\"}]}", "body.items[0].at", "expected an RFC 3339 time such as 2026-01-01T00:00:00Z");
        assertBad("{\"labels\": []}", "body.labels", "expected an object");
        assertBad("[]", "body", "expected an object");
    }

    @Test
    void refusesNullsInsideArraysAndObjectsAndANullBody() {
        assertBad("{\"items\": [null]}", "body.items[0]", "must not be null");
        assertBad("{\"labels\": {\"a\": null}}", "body.labels.a", "must not be null");
        assertBad("null", "body", "is null; expected an object");
    }

    @Test
    void refusesWhatPostgresqlCannotStore() {
        assertBad("{\"name\": \"a\\u0000b\"}", "body.name", "contains a NUL character (U+0000), which cannot be stored");
        assertBad("{\"labels\": {\"k\": \"\\u0000\"}}", "body.labels.k", "contains a NUL character (U+0000), which cannot be stored");
        assertEquals("body.labels", bad("{\"labels\": {\"\\u0000\": \"v\"}}").field().substring(0, "body.labels".length()));
        assertBad("{\"items\": [{\"at\": \"+300000-01-01T00:00:00Z\"}]}", "body.items[0].at", "is outside the supported time range (4712 BC to 294245 AD)");
        assertBad("{\"items\": [{\"at\": \"-4800-01-01T00:00:00Z\"}]}", "body.items[0].at", "is outside the supported time range (4712 BC to 294245 AD)");
        assertEquals(Instant.parse("0001-01-01T00:00:00Z"), Json.read("{\"items\": [{\"at\": \"0001-01-01T00:00:00Z\"}]}", Request.class, "body")
                .items().get(0).at(), "Grafana's 'not ended' time is storable");
    }

    @Test
    void describesUnreadableJsonWithoutParserSettings() {
        assertBad("NaN", "body", "malformed JSON: Non-standard token 'NaN'");
        InvalidInputException deep = bad("{\"payload\": " + "[".repeat(1200) + "]".repeat(1200) + "}");
        assertTrue(deep.field().startsWith("body.payload"), deep.field());
        assertTrue(deep.getMessage().endsWith(": Document nesting depth (1001) exceeds the maximum allowed (1000)"), deep.getMessage());
    }
}
