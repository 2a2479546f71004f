package io.rootscope.backend.etl.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rootscope.backend.etl.write.ObservedResource;
import io.rootscope.backend.graph.GraphRelation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InventorySnapshotReaderTest {

    private final InventorySnapshotReader reader = new InventorySnapshotReader();

    @Test
    void readsResourcesAndRelations() {
        TopologySnapshot snapshot = reader.read("""
                {"resources": [{"urn": "urn:host:node-1", "type": "host", "name": "node-1"},
                               {"urn": "urn:k8s:pod:shop/carts-1", "type": "pod", "name": "carts-1"}],
                 "relations": [{"src": "urn:k8s:pod:shop/carts-1", "dst": "urn:host:node-1", "relation": "RUNS_ON", "props": {"zone": "a"}}]}""");
        assertEquals(List.of(new ObservedResource("urn:host:node-1", "host", "node-1"), new ObservedResource("urn:k8s:pod:shop/carts-1", "pod", "carts-1")),
                snapshot.resources());
        assertEquals(List.of(new TopologyEdge("urn:k8s:pod:shop/carts-1", "urn:host:node-1", GraphRelation.RUNS_ON, Map.of("zone", "a"))),
                snapshot.edges());
    }

    @Test
    void refusesMistakesNamingTheField() {
        String node = "{\"urn\": \"urn:host:n\", \"type\": \"host\", \"name\": \"n\"}";
        assertMessage("resources: must be an array", "{\"relations\": []}");
        assertMessage("inventory.extra: unknown key", "{\"resources\": [], \"relations\": [], \"extra\": 1}");
        assertMessage("resources[0].urn: must be a non-empty string", "{\"resources\": [{\"type\": \"host\", \"name\": \"n\"}], \"relations\": []}");
        assertMessage("resources[0].urn must look like", "{\"resources\": [{\"urn\": \"host n\", \"type\": \"host\", \"name\": \"n\"}], \"relations\": []}");
        assertMessage("relations[0].relation: must be one of", "{\"resources\": [" + node + "], \"relations\": [{\"src\": \"urn:host:n\", \"dst\": \"urn:host:n\", \"relation\": \"LIKES\"}]}");
        assertMessage("relations[0].dst: 'urn:host:m' is not among the resources", "{\"resources\": [" + node + "], \"relations\": [{\"src\": \"urn:host:n\", \"dst\": \"urn:host:m\", \"relation\": \"CONNECTS_TO\"}]}");
        assertMessage("relations[0].props: must be an object", "{\"resources\": [" + node + "], \"relations\": [{\"src\": \"urn:host:n\", \"dst\": \"urn:host:n\", \"relation\": \"CONNECTS_TO\", \"props\": 3}]}");
        assertMessage("inventory is not valid JSON", "{");
    }

    private void assertMessage(String start, String json) {
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> reader.read(json));
        assertTrue(bad.getMessage().startsWith(start), bad.getMessage());
    }
}
