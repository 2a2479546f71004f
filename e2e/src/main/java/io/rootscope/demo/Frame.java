package io.rootscope.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** One data frame of a JSON-protocol answer, read by column. */
public record Frame(JsonNode json) {

    public String name() {
        return json.path("name").asText();
    }

    public int length() {
        JsonNode fields = json.path("fields");
        return fields.isEmpty() ? 0 : fields.get(0).path("values").size();
    }

    /** The values of field {@code name}; an error naming the fields there are when it is missing. */
    public List<JsonNode> column(String field) {
        List<String> names = new ArrayList<>();
        for (JsonNode candidate : json.path("fields")) {
            String name = candidate.path("name").asText();
            if (name.equals(field)) {
                List<JsonNode> values = new ArrayList<>();
                candidate.path("values").forEach(values::add);
                return values;
            }
            names.add(name);
        }
        throw new IllegalStateException("frame " + name() + " has no field " + field + "; fields: " + names);
    }

    public List<String> texts(String field) {
        return column(field).stream().map(value -> value.isNull() ? null : value.asText()).toList();
    }

    public String text(String field, int row) {
        JsonNode value = column(field).get(row);
        return value.isNull() ? null : value.asText();
    }
}
