package io.rootscope.analytics.topology;

import java.util.Map;

/**
 * A directed, typed relation between two resources — e.g. {@code calls}, {@code runs_on}, {@code connects_to} —
 * with descriptive properties. Its identity over time is its {@link #key()}; the properties are the state
 * that may change.
 */
public record TopologyEdge(Urn source, Urn target, String kind, Map<String, String> properties) {

    /** The identity of an edge: its endpoints and kind. */
    public record Key(Urn source, Urn target, String kind) {
    }

    public TopologyEdge {
        if (source == null || target == null) {
            throw new IllegalArgumentException("edge endpoints must not be null");
        }
        if (kind == null || kind.isBlank()) {
            throw new IllegalArgumentException("edge kind must not be blank for " + source + " -> " + target);
        }
        properties = properties == null ? Map.of() : Map.copyOf(properties);
    }

    /** An edge without properties. */
    public TopologyEdge(Urn source, Urn target, String kind) {
        this(source, target, kind, Map.of());
    }

    public Key key() {
        return new Key(source, target, kind);
    }
}
