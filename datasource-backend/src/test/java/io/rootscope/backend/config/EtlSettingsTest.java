package io.rootscope.backend.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rootscope.backend.etl.prometheus.MetricQuery;
import io.rootscope.backend.etl.prometheus.PromQueryTemplates;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EtlSettingsTest {

    private static final Map<String, String> BASE = Map.of("ROOTSCOPE_PROMETHEUS_URL", "http://127.0.0.1:9090/");

    @Test
    void thePrometheusJobUsesTheDefaultTemplatesUnlessToldOtherwise() {
        EtlSettings settings = etl(BASE);
        assertEquals(Optional.of(URI.create("http://127.0.0.1:9090/")), settings.prometheusUrl());
        assertEquals(PromQueryTemplates.DEFAULTS, settings.promQueries());
    }

    @Test
    void theRateWindowAndJsonChangesApplyInThatOrder(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("templates.json"), "{\"memory\": null}");
        EtlSettings settings = etl(with(
                "ROOTSCOPE_PROMQL_RATE_WINDOW_SECONDS", "15", "ROOTSCOPE_PROMQL_TEMPLATES", file.toString()));
        List<MetricQuery> expected = PromQueryTemplates.defaults(Duration.ofSeconds(15)).stream()
                .filter(q -> !q.metric().equals("memory")).toList();
        assertEquals(expected, settings.promQueries());
        EtlSettings inline = etl(with("ROOTSCOPE_PROMQL_TEMPLATES", "{\"memory\": null}"));
        assertEquals(PromQueryTemplates.DEFAULTS.size() - 1, inline.promQueries().size());
    }

    @Test
    void theLatenessHorizonIsTwoHoursUnlessSetWithinADay() {
        assertEquals(Duration.ofMinutes(120), etl(BASE).latenessHorizon());
        assertEquals(Duration.ofMinutes(45), etl(with("ROOTSCOPE_LATENESS_HORIZON_MINUTES", " 45")).latenessHorizon());
        assertEquals(Duration.ofMinutes(45), etl(with("ROOTSCOPE_LATENESS_HORIZON_MINUTES", "45"))
                .withTelemetry("t", "ns").latenessHorizon(), "kept by the other settings");
        for (String bad : List.of("0", "1441", "1h")) {
            assertMessage("ROOTSCOPE_LATENESS_HORIZON_MINUTES must be a whole number of minutes from 1 to 1440",
                    with("ROOTSCOPE_LATENESS_HORIZON_MINUTES", bad));
        }
    }

    @Test
    void badSettingsNameTheVariable() {
        assertMessage("ROOTSCOPE_PROMQL_RATE_WINDOW_SECONDS", with("ROOTSCOPE_PROMQL_RATE_WINDOW_SECONDS", "1m"));
        assertMessage("ROOTSCOPE_PROMQL_RATE_WINDOW_SECONDS", with("ROOTSCOPE_PROMQL_RATE_WINDOW_SECONDS", "0"));
        assertMessage("ROOTSCOPE_PROMQL_TEMPLATES: cannot read", with("ROOTSCOPE_PROMQL_TEMPLATES", "/no/such/file.json"));
        assertMessage("ROOTSCOPE_PROMQL_TEMPLATES: cpu: must be", with("ROOTSCOPE_PROMQL_TEMPLATES", "{\"cpu\": 3}"));
    }

    private static void assertMessage(String start, Map<String, String> env) {
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> BackendConfig.load(env));
        assertTrue(bad.getMessage().startsWith(start), bad.getMessage());
    }

    private static EtlSettings etl(Map<String, String> env) {
        return BackendConfig.load(env).etl();
    }

    private static Map<String, String> with(String... pairs) {
        Map<String, String> env = new HashMap<>(BASE);
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }
}
