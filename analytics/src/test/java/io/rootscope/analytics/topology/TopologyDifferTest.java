package io.rootscope.analytics.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopologyDifferTest {

    private static final Instant T = Instant.parse("2026-01-01T00:05:00Z");
    private static final Urn FRONTEND = Urn.k8sService("shop", "frontend");
    private static final Urn CART = Urn.k8sService("shop", "cart");
    private static final Urn REDIS = Urn.k8sService("shop", "redis");
    private static final Urn NODE = Urn.host("node-1");

    private final TopologyDiffer differ = new TopologyDiffer();

    @Test
    void opensNewClosesVanishedAndLeavesUnchangedEdges() {
        TopologyEdge kept = new TopologyEdge(FRONTEND, CART, "calls");
        TopologyEdge vanished = new TopologyEdge(CART, REDIS, "calls");
        TopologyEdge added = new TopologyEdge(CART, NODE, "runs_on");

        TopologyDiff diff = differ.diff(List.of(kept, vanished), List.of(added, kept), T);

        assertEquals(new TopologyDiff(T, List.of(added), List.of(vanished), List.of(kept)), diff);
    }

    @Test
    void closesAndReopensAnEdgeWhosePropertiesChanged() {
        TopologyEdge before = new TopologyEdge(CART, NODE, "runs_on", Map.of("replicas", "2"));
        TopologyEdge after = new TopologyEdge(CART, NODE, "runs_on", Map.of("replicas", "3"));

        TopologyDiff diff = differ.diff(List.of(before), List.of(after), T);

        assertEquals(List.of(after), diff.opened());
        assertEquals(List.of(before), diff.closed());
        assertTrue(diff.unchanged().isEmpty());
    }

    @Test
    void distinguishesEdgesByKindAndDirection() {
        TopologyEdge calls = new TopologyEdge(FRONTEND, CART, "calls");
        TopologyEdge reverse = new TopologyEdge(CART, FRONTEND, "calls");
        TopologyEdge otherKind = new TopologyEdge(FRONTEND, CART, "depends_on");

        TopologyDiff diff = differ.diff(List.of(calls), List.of(calls, reverse, otherKind), T);

        assertEquals(List.of(reverse, otherKind), diff.opened());
        assertEquals(List.of(calls), diff.unchanged());
    }

    @Test
    void aRepeatedSnapshotChangesNothing() {
        List<TopologyEdge> edges = List.of(new TopologyEdge(FRONTEND, CART, "calls"),
                new TopologyEdge(FRONTEND, CART, "calls"));
        assertTrue(differ.diff(List.of(edges.get(0)), edges, T).isEmpty());
    }

    @Test
    void rejectsContradictoryInput() {
        TopologyEdge a = new TopologyEdge(CART, NODE, "runs_on", Map.of("zone", "a"));
        TopologyEdge b = new TopologyEdge(CART, NODE, "runs_on", Map.of("zone", "b"));
        assertThrows(IllegalArgumentException.class, () -> differ.diff(List.of(), List.of(a, b), T));
        assertThrows(IllegalArgumentException.class, () -> differ.diff(List.of(a, a), List.of(), T));
        assertThrows(IllegalArgumentException.class, () -> differ.diff(List.of(), List.of(), null));
        assertThrows(IllegalArgumentException.class, () -> new TopologyEdge(CART, NODE, " "));
    }
}
