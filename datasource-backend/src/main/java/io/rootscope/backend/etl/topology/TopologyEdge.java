package io.rootscope.backend.etl.topology;

import io.rootscope.backend.graph.GraphRelation;
import java.util.Map;

/**
 * An edge of a topology snapshot: {@code src -[relation]-> dst}, with the properties its source gave it.
 *
 * @param properties JSON-compatible values (strings, numbers, booleans, lists, maps)
 */
public record TopologyEdge(String srcUrn, String dstUrn, GraphRelation relation, Map<String, Object> properties) {

    public TopologyEdge {
        if (relation == null) {
            throw new IllegalArgumentException("relation of " + srcUrn + " -> " + dstUrn + " must be set");
        }
        properties = Map.copyOf(properties);
    }
}
