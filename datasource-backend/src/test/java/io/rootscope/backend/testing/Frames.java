package io.rootscope.backend.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Reading the data frames of a {@code /query} answer. */
public final class Frames {

    private Frames() {
    }

    /** The values of the frame's field {@code name}, as text. */
    public static List<String> values(JsonNode frame, String name) {
        for (JsonNode field : frame.get("fields")) {
            if (field.get("name").asText().equals(name)) {
                List<String> values = new ArrayList<>();
                field.get("values").forEach(v -> values.add(v.asText()));
                return values;
            }
        }
        throw new AssertionError("no field " + name + " in " + frame);
    }
}
