package io.rootscope.backend.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Grafana data frame as JSON: named, typed columns of equal length. Grafana turns this shape into a
 * DataFrame for both the stock JSON data source and the project's own plugin.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record DataFrame(String refId, String name, List<Field> fields, Map<String, Object> meta) {

    /** One column. {@code type} is Grafana's field type: time, number, string, boolean or other. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Field(String name, String type, List<Object> values, Map<String, Object> config, Map<String, String> labels) {
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    public int length() {
        return fields.isEmpty() ? 0 : fields.get(0).values().size();
    }

    public DataFrame withRefId(String newRefId) {
        return new DataFrame(newRefId, name, fields, meta);
    }

    /** Builds a frame column by column, then row by row. */
    public static final class Builder {
        private final String name;
        private final List<String> names = new ArrayList<>();
        private final List<String> types = new ArrayList<>();
        private final List<Map<String, Object>> configs = new ArrayList<>();
        private final List<Map<String, String>> labels = new ArrayList<>();
        private final List<List<Object>> columns = new ArrayList<>();
        private final Map<String, Object> meta = new LinkedHashMap<>();

        private Builder(String name) {
            this.name = name;
        }

        public Builder field(String fieldName, String type) {
            return field(fieldName, type, Map.of(), Map.of());
        }

        public Builder field(String fieldName, String type, Map<String, Object> config, Map<String, String> fieldLabels) {
            names.add(fieldName);
            types.add(type);
            configs.add(config);
            labels.add(fieldLabels);
            columns.add(new ArrayList<>());
            return this;
        }

        public Builder meta(String key, Object value) {
            meta.put(key, value);
            return this;
        }

        public Builder row(Object... values) {
            if (values.length != columns.size()) {
                throw new IllegalArgumentException("row has " + values.length + " values for " + columns.size() + " fields of frame " + name);
            }
            for (int i = 0; i < values.length; i++) {
                columns.get(i).add(values[i]);
            }
            return this;
        }

        public DataFrame build() {
            List<Field> fields = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                // Values may be null (a gap), which List.copyOf refuses.
                fields.add(new Field(names.get(i), types.get(i), Collections.unmodifiableList(columns.get(i)),
                        configs.get(i), labels.get(i)));
            }
            return new DataFrame(null, name, List.copyOf(fields), Map.copyOf(meta));
        }
    }
}
