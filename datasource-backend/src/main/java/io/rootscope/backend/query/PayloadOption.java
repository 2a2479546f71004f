package io.rootscope.backend.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One payload field of a query kind, in the shape the JSON data source's query builder renders
 * ({@code select}, {@code multi-select}, {@code input}, {@code textarea}).
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record PayloadOption(String name, String label, String type, String placeholder, boolean reloadMetric,
                            List<Choice> options) {

    public record Choice(String label, String value) {
    }

    public static PayloadOption input(String name, String label, String placeholder) {
        return new PayloadOption(name, label, "input", placeholder, false, List.of());
    }

    /** A select whose choices come from {@code POST /metric-payload-options} (e.g. resources). */
    public static PayloadOption dynamicSelect(String name, String label, String placeholder) {
        return new PayloadOption(name, label, "select", placeholder, false, List.of());
    }

    public static PayloadOption select(String name, String label, List<String> values) {
        return new PayloadOption(name, label, "select", null, false, values.stream().map(v -> new Choice(v, v)).toList());
    }
}
