package io.rootscope.backend.etl.prometheus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.rootscope.backend.config.ConfigKey;
import io.rootscope.backend.etl.MutableClock;
import io.rootscope.backend.etl.pushed.DerivationRules;
import io.rootscope.backend.etl.pushed.DerivationSettings;
import io.rootscope.backend.etl.pushed.PushedMetricsJob;
import io.rootscope.backend.etl.runtime.CircuitBreaker;
import io.rootscope.backend.etl.runtime.EtlMetrics;
import io.rootscope.backend.etl.runtime.EtlWindow;
import io.rootscope.backend.etl.runtime.JobRunStore;
import io.rootscope.backend.etl.runtime.RetryPolicy;
import io.rootscope.backend.etl.runtime.WindowRun;
import io.rootscope.backend.etl.runtime.WindowRunStatus;
import io.rootscope.backend.etl.runtime.WindowRunner;
import io.rootscope.backend.etl.runtime.WindowSchedule;
import io.rootscope.backend.etl.write.ResourceResolver;
import io.rootscope.backend.json.Json;
import io.rootscope.backend.testing.Rows;
import io.rootscope.backend.testing.TestBackend;
import io.rootscope.backend.testing.TestDatabase;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * A real Prometheus (Debian's) scraping the test exporter every second and remote-writing to the backend: every raw
 * sample that Prometheus holds for a series (an instant query of a range selector) is stored, with the same
 * timestamp and value, and nothing else; the throughput derived from the pushed series agrees with what Prometheus
 * answers to the equivalent {@code rate()}.
 */
class RemoteWriteFromPrometheusTest {

    private static final List<String> SERIES = List.of("istio_requests_total", "istio_request_duration_milliseconds_sum",
            "container_memory_usage_bytes", "container_cpu_usage_seconds_total", "node_cpu_seconds_total", "up");
    private static final String ADMIN_TOKEN = "remote-write-test-admin";
    private static final Duration WINDOW = Duration.ofSeconds(5);
    private static final Duration RATE = Duration.ofSeconds(5);
    /** Prometheus extrapolates a rate to its range's ends, the derivation does not; on linear counters both are the slope. */
    private static final double RATE_TOLERANCE = 0.01;

    private final TestDatabase database = TestDatabase.shared();
    private final DataSource db = database.dataSource();

    @Test
    void everyScrapedSampleArrivesOnceAndTheDerivedRateMatchesPrometheus() throws Exception {
        String tenant = "rw-prom-" + UUID.randomUUID().toString().substring(0, 8);
        long tenantId = Long.parseLong(Rows.single(db, "INSERT INTO dim_tenant (code, name) VALUES ('" + tenant + "', 'RW') RETURNING tenant_id"));
        try (TestBackend backend = new TestBackend(database, database.backendConfig(Map.of(ConfigKey.AUTH_TOKEN.key(), ADMIN_TOKEN)));
             PrometheusServer prometheus = PrometheusServer.withRemoteWrite(URI.create(backend.url() + "/api/v1/write"), tenantToken(backend, tenant))) {
            Instant since = prometheus.scrapingSince();
            WindowSchedule grid = new WindowSchedule(WINDOW, Duration.ZERO, Duration.ZERO, 1);
            Instant from = grid.alignDown(since.plus(RATE).plus(WINDOW).plusSeconds(1));
            EtlWindow window = new EtlWindow(from, from.plus(WINDOW));
            Instant end = window.to().plusSeconds(2).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            PrometheusServer.awaitScrapedUntil(end);
            awaitPushedUntil(prometheus, tenantId, end, Duration.ofSeconds(60));

            long range = Duration.between(since, end).toSeconds() + 5;
            for (String name : SERIES) {
                Map<String, List<String>> raw = prometheusSamples(prometheus, name + "[" + range + "s]", end);
                assertFalse(raw.isEmpty(), name);
                assertEquals(raw, storedSamples(tenantId, name, end.minusSeconds(range), end), name);
            }

            PushedMetricsJob job = new PushedMetricsJob(new DerivationSettings(DerivationRules.DEFAULTS, RATE), Duration.ofSeconds(1),
                    "default", grid, new ResourceResolver(db));
            WindowRun run = new WindowRunner(db, new JobRunStore(db), new CircuitBreaker(db), RetryPolicy.DEFAULT, new EtlMetrics(),
                    new MutableClock(Instant.now())).run(job, tenantId, window);
            assertEquals(WindowRunStatus.SUCCEEDED, run.status(), run.error());
            List<PromSeries> expected = new PrometheusClient(prometheus.url()).queryRange(
                    "sum by (destination_workload, destination_workload_namespace) (rate(istio_requests_total{reporter=\"destination\"}["
                            + RATE.toSeconds() + "s]))", window.from(), window.to().minusSeconds(1), Duration.ofSeconds(1));
            assertEquals(1, expected.size(), expected.toString());
            assertEquals(WINDOW.toSeconds(), expected.get(0).points().size());
            for (PromPoint point : expected.get(0).points()) {
                double derived = Double.parseDouble(Rows.single(db, """
                        SELECT value FROM metric_sample s JOIN dim_resource r USING (resource_id)
                         WHERE s.tenant_id = %d AND r.urn = 'urn:k8s:svc:sock-shop/carts' AND s.metric = 'throughput' AND s.ts = '%s'"""
                        .formatted(tenantId, point.ts())));
                assertEquals(point.value(), derived, point.value() * RATE_TOLERANCE, "throughput at " + point.ts());
                assertEquals(TestExporter.OK_RPS + TestExporter.ERROR_RPS, derived, 1e-6, "the exported rate at " + point.ts());
            }
        }
    }

    /** A token of the tenant alone: a request with it acts for that tenant. */
    private static String tenantToken(TestBackend backend, String tenant) throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(backend.url() + "/admin/tokens"))
                .header("Authorization", "Bearer " + ADMIN_TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"tenants\": [\"" + tenant + "\"]}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, answer.statusCode(), answer.body());
        return Json.MAPPER.readTree(answer.body()).path("token").asText();
    }

    /** Remote write trails the scrapes (Prometheus reads its write-ahead log): waits until a sample at or after {@code t}. */
    private void awaitPushedUntil(PrometheusServer prometheus, long tenantId, Instant t, Duration limit) throws Exception {
        Instant deadline = Instant.now().plus(limit);
        while (Instant.now().isBefore(deadline)) {
            String latest = Rows.single(db, "SELECT count(*) FROM pushed_sample WHERE tenant_id = " + tenantId + " AND ts >= '" + t + "'");
            if (!latest.equals("0")) {
                Thread.sleep(2_000); // the rest of that scrape's batch
                return;
            }
            Thread.sleep(250);
        }
        String own = HttpClient.newHttpClient().send(HttpRequest.newBuilder(prometheus.url().resolve("metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        throw new AssertionError("no sample pushed at or after " + t + " within " + limit + "; stored: "
                + Rows.column(db, "SELECT tenant_id || ' ' || count(*) || ' ' || max(ts) FROM pushed_sample GROUP BY tenant_id")
                + "; tenant " + tenantId + "; Prometheus's remote storage: "
                + own.lines().filter(line -> line.startsWith("prometheus_remote_storage_")).toList());
    }

    /** Each series' raw samples as Prometheus holds them, "epoch-ms value", by its labels. */
    private static Map<String, List<String>> prometheusSamples(PrometheusServer prometheus, String selector, Instant at) throws Exception {
        URI uri = prometheus.url().resolve("api/v1/query?query=" + URLEncoder.encode(selector, StandardCharsets.UTF_8)
                + "&time=" + at.getEpochSecond());
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer.body());
        Map<String, List<String>> series = new TreeMap<>();
        for (JsonNode result : Json.MAPPER.readTree(answer.body()).path("data").path("result")) {
            Map<String, String> labels = new TreeMap<>();
            result.path("metric").properties().forEach(label -> labels.put(label.getKey(), label.getValue().asText()));
            labels.remove("__name__");
            List<String> samples = new ArrayList<>();
            for (JsonNode value : result.path("values")) {
                samples.add(Math.round(value.get(0).asDouble() * 1000) + " " + Double.parseDouble(value.get(1).asText()));
            }
            series.put(labels.toString(), samples);
        }
        return series;
    }

    private Map<String, List<String>> storedSamples(long tenantId, String name, Instant from, Instant to) throws Exception {
        Map<String, List<String>> series = new TreeMap<>();
        try (Connection connection = db.getConnection();
             PreparedStatement query = connection.prepareStatement("""
                     SELECT s.labels::text, (extract(epoch FROM p.ts) * 1000)::bigint, p.value
                       FROM pushed_sample p JOIN pushed_series s USING (series_id)
                      WHERE p.tenant_id = ? AND s.name = ? AND p.ts >= ? AND p.ts <= ? ORDER BY s.series_id, p.ts""")) {
            query.setLong(1, tenantId);
            query.setString(2, name);
            query.setObject(3, from.atOffset(java.time.ZoneOffset.UTC));
            query.setObject(4, to.atOffset(java.time.ZoneOffset.UTC));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    Map<String, String> labels = new TreeMap<>(Json.MAPPER.readValue(rows.getString(1),
                            new com.fasterxml.jackson.core.type.TypeReference<Map<String, String>>() { }));
                    series.computeIfAbsent(labels.toString(), k -> new ArrayList<>()).add(rows.getLong(2) + " " + rows.getDouble(3));
                }
            }
        }
        assertTrue(series.values().stream().allMatch(samples -> samples.size() == samples.stream().distinct().count()), "each sample once");
        return series;
    }
}
