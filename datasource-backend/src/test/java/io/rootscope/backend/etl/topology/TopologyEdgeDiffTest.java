package io.rootscope.backend.etl.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.AbstractMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopologyEdgeDiffTest {

    private final TopologyEdgeDiff<String, String> differ = new TopologyEdgeDiff<>();

    @Test
    void opensNewClosesVanishedLeavesUnchangedAndReopensChanged() {
        Map<String, Map.Entry<Long, String>> open = Map.of(
                "a-b", new AbstractMap.SimpleImmutableEntry<>(1L, "10G"),
                "b-c", new AbstractMap.SimpleImmutableEntry<>(2L, "1G"),
                "c-d", new AbstractMap.SimpleImmutableEntry<>(3L, "1G"));
        Map<String, String> snapshot = Map.of("a-b", "10G", "c-d", "40G", "d-e", "1G");

        TopologyEdgeDiff.Changes<String, String> changes = differ.diff(open, snapshot);

        assertEquals(List.of(2L, 3L), changes.close().stream().sorted().toList());
        assertEquals(List.of("c-d=40G", "d-e=1G"),
                changes.open().stream().map(o -> o.key() + "=" + o.properties()).sorted().toList());
        assertEquals(1, changes.unchanged());
    }

    @Test
    void anEmptySnapshotClosesEverythingAndAFirstOneOpensEverything() {
        Map<String, Map.Entry<Long, String>> open = Map.of("a-b", new AbstractMap.SimpleImmutableEntry<>(7L, "x"));
        assertEquals(List.of(7L), differ.diff(open, Map.of()).close());
        assertEquals(1, differ.diff(Map.of(), Map.of("a-b", "x")).open().size());
    }
}
