package io.rootscope.backend.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rootscope.backend.protocol.QueryLimits;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BackendConfigTest {

    @Test
    void theGraphNodeLimitDefaultsToWhatNodeGraphDrawsAndCanBeSet() {
        assertEquals(QueryLimits.MAX_GRAPH_NODES_DEFAULT, BackendConfig.load(Map.of()).limits().maxGraphNodes());
        assertEquals(300, BackendConfig.load(Map.of("ROOTSCOPE_QUERY_MAX_GRAPH_NODES", "300")).limits().maxGraphNodes());
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> BackendConfig.load(Map.of("ROOTSCOPE_QUERY_MAX_GRAPH_NODES", "0")));
        assertTrue(zero.getMessage().startsWith("ROOTSCOPE_QUERY_MAX_GRAPH_NODES"), zero.getMessage());
    }
}
