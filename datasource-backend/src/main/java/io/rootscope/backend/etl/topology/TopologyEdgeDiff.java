package io.rootscope.backend.etl.topology;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The temporal diff of a source's open edges against its new snapshot: a new edge opens, a vanished edge
 * closes, an unchanged edge is left alone, and an edge whose properties changed closes and reopens. A stand-in
 * for the analytics module's topology diff, kept private to this package until the two are merged.
 *
 * @param <K> what identifies an edge (its ends and relation)
 * @param <P> its properties, compared with {@code equals}
 */
final class TopologyEdgeDiff<K, P> {

    /** An edge to open, with its properties. */
    record Opening<K, P>(K key, P properties) {
    }

    /** What to do, and how many edges stay as they are. */
    record Changes<K, P>(List<Opening<K, P>> open, List<Long> close, int unchanged) {
    }

    /**
     * @param openEdges the source's currently open edges: their key, row id and properties
     * @param snapshot  the new snapshot's edges by key
     */
    Changes<K, P> diff(Map<K, Map.Entry<Long, P>> openEdges, Map<K, P> snapshot) {
        List<Opening<K, P>> open = new ArrayList<>();
        List<Long> close = new ArrayList<>();
        int unchanged = 0;
        for (Map.Entry<K, Map.Entry<Long, P>> edge : openEdges.entrySet()) {
            P now = snapshot.get(edge.getKey());
            if (now == null || !Objects.equals(now, edge.getValue().getValue())) {
                close.add(edge.getValue().getKey());
            } else {
                unchanged++;
            }
        }
        for (Map.Entry<K, P> edge : snapshot.entrySet()) {
            Map.Entry<Long, P> existing = openEdges.get(edge.getKey());
            if (existing == null || !Objects.equals(existing.getValue(), edge.getValue())) {
                open.add(new Opening<>(edge.getKey(), edge.getValue()));
            }
        }
        return new Changes<>(open, close, unchanged);
    }
}
