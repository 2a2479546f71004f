package io.rootscope.backend.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rootscope.backend.protocol.QueryLimits;
import io.rootscope.backend.rca.DiagnosisSettings;
import java.time.Duration;
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

    @Test
    void diagnosisBoundsDefaultToTheCoresAndCanBeSet() {
        DiagnosisSettings defaults = BackendConfig.load(Map.of()).diagnoses();
        assertEquals(Math.max(1, Runtime.getRuntime().availableProcessors()), defaults.maxConcurrent());
        assertEquals(Duration.ofSeconds(2), defaults.queueWait());
        assertEquals(64L << 20, defaults.cacheBytes());
        DiagnosisSettings set = BackendConfig.load(Map.of("ROOTSCOPE_RCA_MAX_CONCURRENT", "3", "ROOTSCOPE_RCA_QUEUE_WAIT_MS", "0",
                "ROOTSCOPE_RCA_CACHE_MB", "8")).diagnoses();
        assertEquals(new DiagnosisSettings(3, Duration.ZERO, 8L << 20), set);
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> BackendConfig.load(Map.of("ROOTSCOPE_RCA_MAX_CONCURRENT", "0")));
        assertTrue(zero.getMessage().startsWith("ROOTSCOPE_RCA_MAX_CONCURRENT"), zero.getMessage());
    }
}
