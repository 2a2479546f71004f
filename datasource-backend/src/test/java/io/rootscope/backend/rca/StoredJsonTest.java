package io.rootscope.backend.rca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StoredJsonTest {

    @Test
    void readsOneMemberAndSkipsTheOthers() {
        StoredJson json = new StoredJson("{\"edges\":[{\"a\":1.5,\"b\":{\"c\":[1,2]}}],\"paths\":[{\"services\":[\"x\",\"y\"],\"walkers\":3}],\"n\":7}");
        assertEquals("x", json.path("paths").get(0).get("services").get(0).asText());
        assertEquals(7, json.path("n").asInt());
        assertEquals(1.5, json.path("edges").get(0).get("a").asDouble());
        assertTrue(json.path("absent").isMissingNode());
        assertTrue(new StoredJson(null).path("paths").isMissingNode());
        assertTrue(new StoredJson("[1]").path("paths").isMissingNode());
    }
}
