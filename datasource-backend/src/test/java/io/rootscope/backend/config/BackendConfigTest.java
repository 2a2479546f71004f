package io.rootscope.backend.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rootscope.backend.http.HttpSettings;
import io.rootscope.backend.protocol.QueryLimits;
import io.rootscope.backend.rca.DiagnosisSettings;
import java.time.Duration;
import java.util.List;
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
        assertEquals(200_000, defaults.maxSpans());
        assertEquals(200_000, defaults.maxLogEvents());
        DiagnosisSettings capped = BackendConfig.load(Map.of("ROOTSCOPE_RCA_MAX_SPANS", "5000", "ROOTSCOPE_RCA_MAX_LOG_EVENTS", "7000")).diagnoses();
        assertEquals(5000, capped.maxSpans());
        assertEquals(7000, capped.maxLogEvents());
        IllegalArgumentException noSpans = assertThrows(IllegalArgumentException.class,
                () -> BackendConfig.load(Map.of("ROOTSCOPE_RCA_MAX_SPANS", "0")));
        assertTrue(noSpans.getMessage().startsWith("ROOTSCOPE_RCA_MAX_SPANS"), noSpans.getMessage());
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> BackendConfig.load(Map.of("ROOTSCOPE_RCA_MAX_CONCURRENT", "0")));
        assertTrue(zero.getMessage().startsWith("ROOTSCOPE_RCA_MAX_CONCURRENT"), zero.getMessage());
    }

    @Test
    void httpBoundsHaveDefaultsAndCanBeSet() {
        BackendConfig defaults = BackendConfig.load(Map.of());
        assertEquals(HttpSettings.defaults(), defaults.http());
        assertEquals(32L * 1024 * 1024, defaults.http().maxBodyBytes());
        assertTrue(defaults.http().corsOrigins().isEmpty(), "CORS off by default");
        assertEquals(QueryLimits.MAX_TARGETS_DEFAULT, defaults.limits().maxTargets());
        BackendConfig set = BackendConfig.load(Map.of("ROOTSCOPE_HTTP_MAX_BODY_BYTES", "1024", "ROOTSCOPE_HTTP_IDLE_TIMEOUT_SECONDS", "5",
                "ROOTSCOPE_HTTP_MIN_DATA_RATE", "0", "ROOTSCOPE_HTTP_MAX_BODY_REQUESTS", "7", "ROOTSCOPE_HTTP_MAX_BODY_BYTES_IN_FLIGHT", "2048",
                "ROOTSCOPE_HTTP_CORS_ORIGINS", " https://a.example , http://b.example:3000", "ROOTSCOPE_QUERY_MAX_TARGETS", "9"));
        assertEquals(new HttpSettings(1024, Duration.ofSeconds(5), 0, 7, 2048, List.of("https://a.example", "http://b.example:3000")), set.http());
        assertEquals(9, set.limits().maxTargets());
        IllegalArgumentException tooMany = assertThrows(IllegalArgumentException.class,
                () -> BackendConfig.load(Map.of("ROOTSCOPE_HTTP_MAX_BODY_REQUESTS", "201")));
        assertTrue(tooMany.getMessage().startsWith("ROOTSCOPE_HTTP_MAX_BODY_REQUESTS"), tooMany.getMessage());
        IllegalArgumentException budget = assertThrows(IllegalArgumentException.class,
                () -> BackendConfig.load(Map.of("ROOTSCOPE_HTTP_MAX_BODY_BYTES_IN_FLIGHT", "1024")));
        assertTrue(budget.getMessage().startsWith("ROOTSCOPE_HTTP_MAX_BODY_BYTES_IN_FLIGHT"), budget.getMessage());
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> BackendConfig.load(Map.of("ROOTSCOPE_HTTP_MAX_BODY_BYTES", "0")));
        assertTrue(empty.getMessage().startsWith("ROOTSCOPE_HTTP_MAX_BODY_BYTES"), empty.getMessage());
    }
}
