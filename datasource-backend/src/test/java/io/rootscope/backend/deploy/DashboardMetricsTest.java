package io.rootscope.backend.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rootscope.backend.etl.prometheus.MetricQuery;
import io.rootscope.backend.etl.prometheus.PromQueryTemplates;
import io.rootscope.backend.testing.RepositoryRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The provisioned dashboards chart only metrics that the Prometheus job's default templates write. */
class DashboardMetricsTest {

    @Test
    void everyMetricVariableNamesAMetricTheEtlWrites() throws IOException {
        Set<String> written = PromQueryTemplates.DEFAULTS.stream().map(MetricQuery::metric).collect(Collectors.toSet());
        List<String> charted = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        try (Stream<Path> files = Files.list(RepositoryRoot.find().resolve("dashboards"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                for (JsonNode variable : new ObjectMapper().readTree(file.toFile()).path("templating").path("list")) {
                    if (variable.path("name").asText().endsWith("_metric")) {
                        String metric = variable.path("query").asText();
                        charted.add(metric);
                        if (!written.contains(metric)) {
                            unknown.add(file.getFileName() + ": $" + variable.path("name").asText() + " = " + metric);
                        }
                    }
                }
            }
        }
        assertTrue(charted.size() >= 20, "metric variables found: " + charted);
        assertEquals(List.of(), unknown, "not written by the ETL (known: " + written + ")");
    }
}
