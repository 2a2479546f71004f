package io.rootscope.analytics.topology;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Temporal diff of topology snapshots against the currently open edge intervals ({@code topo_edge_time}):
 * an edge new in the snapshot opens an interval, an open edge missing from it closes its interval, and an edge
 * present in both with equal properties is left untouched.
 *
 * <p><b>Property changes close and reopen.</b> An edge whose properties changed closes its interval and opens a
 * new one with the new properties, rather than updating in place: an interval then always describes the edge
 * as it was during that interval, so an "as of the incident" query sees the properties valid at the time, and
 * the table stays append-only apart from setting the end of an interval.
 *
 * <p>Edges are matched by {@link TopologyEdge#key()}. A snapshot may list an edge twice with equal properties
 * (inventories often do); with different properties it is contradictory and rejected. Time and memory O(n + m)
 * for n open and m snapshot edges; opened and unchanged edges keep snapshot order, closed ones list
 * changed edges (snapshot order) before vanished ones (open order).
 */
public final class TopologyDiffer {

    /**
     * @param open     edges whose intervals are open now, one per key
     * @param snapshot edges present in the snapshot
     * @param at       the time of the snapshot, when intervals open and close
     * @throws IllegalArgumentException if a key is open twice or a snapshot lists one key with two property sets
     */
    public TopologyDiff diff(Collection<TopologyEdge> open, Collection<TopologyEdge> snapshot, Instant at) {
        if (at == null) {
            throw new IllegalArgumentException("snapshot time must not be null");
        }
        Map<TopologyEdge.Key, TopologyEdge> openByKey = new LinkedHashMap<>();
        for (TopologyEdge edge : open) {
            if (openByKey.putIfAbsent(edge.key(), edge) != null) {
                throw new IllegalArgumentException("edge " + describe(edge.key()) + " is open twice");
            }
        }
        Map<TopologyEdge.Key, TopologyEdge> snapshotByKey = new LinkedHashMap<>();
        for (TopologyEdge edge : snapshot) {
            TopologyEdge previous = snapshotByKey.putIfAbsent(edge.key(), edge);
            if (previous != null && !previous.properties().equals(edge.properties())) {
                throw new IllegalArgumentException("snapshot lists edge " + describe(edge.key())
                        + " with two property sets: " + previous.properties() + " and " + edge.properties());
            }
        }
        List<TopologyEdge> opened = new ArrayList<>();
        List<TopologyEdge> closed = new ArrayList<>();
        List<TopologyEdge> unchanged = new ArrayList<>();
        for (TopologyEdge edge : snapshotByKey.values()) {
            TopologyEdge current = openByKey.get(edge.key());
            if (current == null) {
                opened.add(edge);
            } else if (current.properties().equals(edge.properties())) {
                unchanged.add(current);
            } else {
                closed.add(current);
                opened.add(edge);
            }
        }
        for (TopologyEdge edge : openByKey.values()) {
            if (!snapshotByKey.containsKey(edge.key())) {
                closed.add(edge);
            }
        }
        return new TopologyDiff(at, opened, closed, unchanged);
    }

    private static String describe(TopologyEdge.Key key) {
        return key.source() + " -[" + key.kind() + "]-> " + key.target();
    }
}
