package io.rootscope.workload.metrics;

import java.util.LinkedHashMap;
import java.util.Map;

/** An ordered Prometheus label set, built fluently. */
public final class Labels {

    private final Map<String, String> values = new LinkedHashMap<>();

    public static Labels of(String name, String value) {
        return new Labels().and(name, value);
    }

    public Labels and(String name, String value) {
        if (!name.matches("[a-zA-Z_][a-zA-Z0-9_]*")) {
            throw new IllegalArgumentException("invalid label name " + name);
        }
        values.put(name, value);
        return this;
    }

    public Labels copy() {
        Labels copy = new Labels();
        copy.values.putAll(values);
        return copy;
    }

    /** The label set in exposition syntax, e.g. {@code {a="1",b="x\"y"}}; empty for no labels. */
    String render() {
        if (values.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder("{");
        values.forEach((name, value) -> {
            if (out.length() > 1) {
                out.append(',');
            }
            out.append(name).append("=\"").append(escape(value)).append('"');
        });
        return out.append('}').toString();
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
