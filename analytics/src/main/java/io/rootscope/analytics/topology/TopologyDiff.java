package io.rootscope.analytics.topology;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a topology snapshot changes in a temporal edge table ({@code topo_edge_time}): a new edge opens an
 * interval, an open edge missing from the snapshot closes its interval, and an edge present in both with equal
 * properties is left alone.
 *
 * <p><b>Property changes close and reopen.</b> An edge whose properties changed closes its interval and opens a
 * new one, rather than updating in place: an interval then always describes the edge as it was during that
 * interval, so an "as of the incident" query sees the properties valid at the time, and the table stays
 * append-only apart from setting the end of an interval.
 *
 * @param opened    the edges to open, with their properties: new and changed ones, in snapshot order
 * @param closed    the edges whose open interval ends: vanished and changed ones, in the order of the open edges
 * @param unchanged how many open edges stay as they are
 * @param <K> what identifies an edge over time (its ends and relation)
 * @param <P> its properties, compared with {@code equals}
 */
public record TopologyDiff<K, P>(Map<K, P> opened, List<K> closed, int unchanged) {

    public TopologyDiff {
        opened = Collections.unmodifiableMap(new LinkedHashMap<>(opened));
        closed = List.copyOf(closed);
    }

    /**
     * @param open     the properties of every edge whose interval is open now, by key
     * @param snapshot the properties of every edge in the snapshot, by key
     */
    public static <K, P> TopologyDiff<K, P> between(Map<K, P> open, Map<K, P> snapshot) {
        Map<K, P> opened = new LinkedHashMap<>();
        List<K> closed = new ArrayList<>();
        int unchanged = 0;
        for (Map.Entry<K, P> edge : open.entrySet()) {
            if (snapshot.containsKey(edge.getKey()) && Objects.equals(snapshot.get(edge.getKey()), edge.getValue())) {
                unchanged++;
            } else {
                closed.add(edge.getKey());
            }
        }
        for (Map.Entry<K, P> edge : snapshot.entrySet()) {
            if (!open.containsKey(edge.getKey()) || !Objects.equals(open.get(edge.getKey()), edge.getValue())) {
                opened.put(edge.getKey(), edge.getValue());
            }
        }
        return new TopologyDiff<>(opened, closed, unchanged);
    }
}
