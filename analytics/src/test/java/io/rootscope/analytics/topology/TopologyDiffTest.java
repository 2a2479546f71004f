package io.rootscope.analytics.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopologyDiffTest {

    @Test
    void opensNewClosesVanishedLeavesUnchangedAndReopensChanged() {
        Map<String, String> open = ordered("a-b", "10G", "b-c", "1G", "c-d", "1G");
        Map<String, String> snapshot = ordered("d-e", "1G", "c-d", "40G", "a-b", "10G");

        TopologyDiff<String, String> diff = TopologyDiff.between(open, snapshot);

        assertEquals(List.of("d-e=1G", "c-d=40G"), diff.opened().entrySet().stream().map(Object::toString).toList(),
                "in snapshot order");
        assertEquals(List.of("b-c", "c-d"), diff.closed(), "in the order of the open edges");
        assertEquals(1, diff.unchanged());
    }

    @Test
    void aRepeatedSnapshotChangesNothing() {
        Map<String, String> edges = ordered("a-b", "x", "b-c", "y");
        assertEquals(new TopologyDiff<>(Map.of(), List.of(), 2), TopologyDiff.between(edges, edges));
    }

    @Test
    void anEmptySnapshotClosesEverythingAndAFirstOneOpensEverything() {
        assertEquals(new TopologyDiff<>(Map.of(), List.of("a-b"), 0), TopologyDiff.between(Map.of("a-b", "x"), Map.of()));
        assertEquals(new TopologyDiff<>(Map.of("a-b", "x"), List.of(), 0), TopologyDiff.between(Map.of(), Map.of("a-b", "x")));
    }

    private static Map<String, String> ordered(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
