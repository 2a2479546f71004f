package io.rootscope.backend.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.rootscope.backend.testing.Rows;
import io.rootscope.backend.testing.TestBackend;
import io.rootscope.backend.testing.TestDatabase;
import io.rootscope.backend.testing.TestBackend.Response;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The JSON data-source protocol end to end over HTTP, on the real database. */
class DataSourceProtocolTest {

    private static final String CARTS = "urn:k8s:svc:proto/carts";
    private static TestBackend backend;
    private static Instant hourStart;

    @BeforeAll
    static void start() throws Exception {
        DataSource db = TestDatabase.shared().dataSource();
        hourStart = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(2, ChronoUnit.HOURS);
        long id = Long.parseLong(Rows.single(db, """
                INSERT INTO dim_resource (tenant_id, urn, type, name, labels)
                VALUES (1, '%s', 'service', 'carts', '{"namespace": "proto"}') RETURNING resource_id""".formatted(CARTS)));
        // 60 minutes, latency = minute index, max = index + 100, p95 = index + 50.
        Rows.execute(db, """
                INSERT INTO metric_1m (bucket, tenant_id, resource_id, metric, avg_val, max_val, p95_val, sample_count)
                SELECT '%s'::timestamptz + m * interval '1 minute', 1, %d, 'latency', m, m + 100, m + 50, 4
                  FROM generate_series(0, 59) AS m""".formatted(hourStart, id));
        backend = new TestBackend(Optional.empty());
    }

    @AfterAll
    static void stop() {
        backend.close();
    }

    @Test
    void testConnectionAnswersOk() throws Exception {
        Response response = backend.get("/");
        assertEquals(200, response.status(), response.text());
        assertEquals("ok", response.body().get("status").asText());
    }

    @Test
    void metricsListsEveryKindWithItsPayloadOptions() throws Exception {
        Response response = backend.post("/metrics", "{}");
        assertEquals(200, response.status(), response.text());
        JsonNode metrics = find(response.body(), "metrics");
        List<String> payloads = new ArrayList<>();
        metrics.get("payloads").forEach(p -> payloads.add(p.get("name").asText()));
        assertEquals(List.of("resource", "metric", "stat", "resolution"), payloads);
    }

    @Test
    void payloadOptionsListResourcesAndMetrics() throws Exception {
        Response resources = backend.post("/metric-payload-options", "{\"metric\":\"metrics\",\"payload\":{},\"name\":\"resource\"}");
        assertEquals(200, resources.status(), resources.text());
        assertTrue(resources.text().contains(CARTS), resources.text());
        // Every kind with a resource field completes it from the same list (the editors ask with their own kind).
        for (String kind : List.of("hotspots", "topology", "log_patterns", "incidents")) {
            Response completed = backend.post("/metric-payload-options",
                    "{\"metric\":\"" + kind + "\",\"payload\":{},\"name\":\"resource\"}");
            assertEquals(resources.body(), completed.body(), kind);
        }
        Response unknown = backend.post("/metric-payload-options", "{\"metric\":\"metrics\",\"payload\":{},\"name\":\"colour\"}");
        assertEquals(400, unknown.status());
        assertEquals("name", unknown.body().get("field").asText());
    }

    @Test
    void metricsQueryDownsamplesToMaxDataPoints() throws Exception {
        // 7 points at most: 10-minute buckets, the step that leaves room for a range starting off a step boundary.
        Response response = backend.post("/query", query(hourStart, hourStart.plus(1, ChronoUnit.HOURS), 7,
                "{\"refId\":\"A\",\"target\":\"metrics\",\"payload\":{\"resource\":\"" + CARTS + "\",\"metric\":\"latency\"}}"));
        assertEquals(200, response.status(), response.text());
        JsonNode frame = response.body().get(0);
        assertEquals("A", frame.get("refId").asText());
        JsonNode values = frame.at("/fields/1/values");
        assertEquals(6, values.size(), frame.toString());
        assertEquals(4.5, values.get(0).asDouble(), 1e-9, "mean of minutes 0..9");
        assertEquals(CARTS, frame.at("/fields/1/labels/resource").asText());
        assertEquals("time", frame.at("/fields/0/type").asText());
    }

    @Test
    void pointsNeverOutnumberMaxDataPointsWhateverTheInterval() throws Exception {
        String target = "{\"refId\":\"A\",\"target\":\"metrics\",\"payload\":{\"resource\":\"" + CARTS + "\",\"metric\":\"latency\"}}";
        // Not on a step boundary: the range touches one step-aligned bucket more than range / step.
        Instant from = hourStart.plusSeconds(17);
        for (int maxDataPoints : new int[] {1, 5, 7}) {
            for (long intervalMs : new long[] {1, 1000, 7000, Long.MAX_VALUE}) {
                String body = query(from, from.plus(1, ChronoUnit.HOURS), maxDataPoints, target).replace("\"intervalMs\":1000", "\"intervalMs\":" + intervalMs);
                Response response = backend.post("/query", body);
                assertEquals(200, response.status(), response.text());
                int points = response.body().get(0).at("/fields/1/values").size();
                assertTrue(points >= 1 && points <= maxDataPoints, points + " points for maxDataPoints " + maxDataPoints + ", intervalMs " + intervalMs);
            }
        }
    }

    @Test
    void p95AndMaxUseTheirOwnColumns() throws Exception {
        Response response = backend.post("/query", query(hourStart, hourStart.plus(1, ChronoUnit.HOURS), 1,
                "{\"refId\":\"P\",\"target\":\"metrics\",\"payload\":{\"resource\":[\"" + CARTS + "\"],\"metric\":\"latency\",\"stat\":\"p95\"}},"
                        + "{\"refId\":\"M\",\"target\":\"metrics\",\"payload\":{\"resource\":\"" + CARTS + "\",\"metric\":\"latency\",\"stat\":\"max\"}}"));
        assertEquals(200, response.status(), response.text());
        assertEquals(109.0, response.body().get(0).at("/fields/1/values/0").asDouble());
        assertEquals(159.0, response.body().get(1).at("/fields/1/values/0").asDouble());
    }

    @Test
    void rawSamplesAreBucketedPerSeriesWithEachStatistic() throws Exception {
        // Two series of raw samples: in each 30 s bucket, values 1, 2, 3, 4 (series a) and 10, 20, 30, 40 (series b).
        Instant start = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(10, ChronoUnit.MINUTES);
        DataSource db = TestDatabase.shared().dataSource();
        Rows.execute(db, """
                INSERT INTO dim_resource (tenant_id, urn, type, name) VALUES
                  (1, 'urn:k8s:svc:proto/raw-a', 'service', 'raw-a'), (1, 'urn:k8s:svc:proto/raw-b', 'service', 'raw-b')""");
        Rows.execute(db, """
                INSERT INTO metric_sample (ts, tenant_id, resource_id, metric, value)
                SELECT '%s'::timestamptz + (b * 30 + k * 5) * interval '1 second', 1, r.resource_id, 'rtt',
                       (k + 1) * CASE WHEN r.name = 'raw-a' THEN 1 ELSE 10 END
                  FROM generate_series(0, 3) AS b, generate_series(0, 3) AS k, dim_resource r
                 WHERE r.tenant_id = 1 AND r.name IN ('raw-a', 'raw-b')""".formatted(start));
        String targets = "{\"refId\":\"A\",\"target\":\"metrics\",\"payload\":{\"resource\":[\"urn:k8s:svc:proto/raw-b\","
                + "\"urn:k8s:svc:proto/raw-a\"],\"metric\":\"rtt\",\"stat\":\"%s\",\"resolution\":\"raw\"}}";
        String body = query(start, start.plus(2, ChronoUnit.MINUTES), 5, targets.formatted("avg")).replace("\"intervalMs\":1000", "\"intervalMs\":30000");
        JsonNode avg = backend.post("/query", body).body();
        assertEquals(2, avg.size(), avg.toString());
        assertEquals("urn:k8s:svc:proto/raw-a", avg.get(0).at("/fields/1/labels/resource").asText(), "frames in URN order");
        assertEquals(start.toEpochMilli(), avg.get(0).at("/fields/0/values/0").asLong(), "bucket start in epoch milliseconds");
        assertEquals(start.plusSeconds(90).toEpochMilli(), avg.get(0).at("/fields/0/values/3").asLong());
        assertEquals(2.5, avg.get(0).at("/fields/1/values/0").asDouble(), 1e-9);
        assertEquals(25.0, avg.get(1).at("/fields/1/values/3").asDouble(), 1e-9);
        assertEquals("raw", avg.get(0).at("/meta/custom/source").asText());
        JsonNode max = backend.post("/query", body.replace("\"avg\"", "\"max\"")).body();
        assertEquals(40.0, max.get(1).at("/fields/1/values/2").asDouble(), 1e-9);
        JsonNode p95 = backend.post("/query", body.replace("\"avg\"", "\"p95\"")).body();
        assertEquals(3.85, p95.get(0).at("/fields/1/values/1").asDouble(), 1e-9, "linear interpolation between 3 and 4");
        // A step of a minute or more is grouped in the database: one bucket of the first minute, 1-4 twice for raw-a.
        String minute = query(start, start.plus(1, ChronoUnit.MINUTES), 1, targets.formatted("p95"));
        JsonNode wide = backend.post("/query", minute).body();
        assertEquals(60, wide.get(0).at("/meta/custom/stepSeconds").asInt());
        assertEquals(4.0, wide.get(0).at("/fields/1/values/0").asDouble(), 1e-9, "rank 0.95 * 7 = 6.65 among 1 1 2 2 3 3 4 4");
        assertEquals(25.0, backend.post("/query", minute.replace("\"p95\"", "\"avg\"")).body().get(1).at("/fields/1/values/0").asDouble(), 1e-9);
    }

    @Test
    void aResourceUnknownAtFirstIsFoundOnceItAppears() throws Exception {
        String urn = "urn:k8s:svc:proto/late";
        String target = "{\"refId\":\"A\",\"target\":\"metrics\",\"payload\":{\"resource\":\"" + urn + "\",\"metric\":\"latency\"}}";
        String body = query(hourStart, hourStart.plus(1, ChronoUnit.HOURS), 6, target);
        assertEquals(0, backend.post("/query", body).body().size());
        DataSource db = TestDatabase.shared().dataSource();
        Rows.execute(db, """
                WITH r AS (INSERT INTO dim_resource (tenant_id, urn, type, name) VALUES (1, '%s', 'service', 'late') RETURNING resource_id)
                INSERT INTO metric_1m (bucket, tenant_id, resource_id, metric, avg_val, max_val, p95_val, sample_count)
                SELECT '%s'::timestamptz, 1, resource_id, 'latency', 7, 7, 7, 1 FROM r""".formatted(urn, hourStart));
        JsonNode frames = backend.post("/query", body).body();
        assertEquals(1, frames.size(), "not remembered as missing");
        assertEquals(7.0, frames.get(0).at("/fields/1/values/0").asDouble());
    }

    @Test
    void adhocFiltersNarrowTheResources() throws Exception {
        String target = "{\"refId\":\"A\",\"target\":\"metrics\",\"payload\":{\"resource\":\"" + CARTS + "\",\"metric\":\"latency\"}}";
        String body = query(hourStart, hourStart.plus(1, ChronoUnit.HOURS), 10, target)
                .replace("\"targets\"", "\"adhocFilters\":[{\"key\":\"namespace\",\"operator\":\"=\",\"value\":\"elsewhere\"}],\"targets\"");
        Response response = backend.post("/query", body);
        assertEquals(200, response.status(), response.text());
        assertEquals(0, response.body().size());
    }

    @Test
    void badInputIsA400NamingTheField() throws Exception {
        Instant from = hourStart;
        Instant to = hourStart.plus(1, ChronoUnit.HOURS);
        assertBad(backend.post("/query", "{not json"), "body");
        assertBad(backend.post("/query", query(from, to, 10, "{\"refId\":\"A\",\"target\":\"nope\"}")), "targets[0].target");
        assertBad(backend.post("/query", query(from, to, 10, "{\"refId\":\"A\",\"target\":\"metrics\",\"payload\":{\"metric\":\"latency\"}}")),
                "payload.resource");
        assertBad(backend.post("/query", query(from, to, 10,
                "{\"refId\":\"A\",\"target\":\"metrics\",\"payload\":{\"resource\":\"x\",\"metric\":\"latency\",\"colour\":1}}")), "payload.colour");
        assertBad(backend.post("/query", query(from, to, 10,
                "{\"refId\":\"A\",\"target\":\"metrics\",\"payload\":{\"resource\":\"x\",\"metric\":\"latency\",\"stat\":\"median\"}}")), "payload.stat");
        assertBad(backend.post("/query", query(to, from, 10, "{\"refId\":\"A\",\"target\":\"metrics\"}")), "range.from");
        assertBad(backend.post("/query", query(from, to, 0, "{\"refId\":\"A\",\"target\":\"metrics\"}")), "maxDataPoints");
        assertBad(backend.post("/query", query(from.minus(500, ChronoUnit.DAYS), to, 10, "{\"refId\":\"A\",\"target\":\"metrics\"}")), "range");
        assertBad(backend.post("/query", "{\"range\":{\"from\":\"" + from + "\",\"to\":\"" + to + "\"}}"), "targets");
    }

    @Test
    void variablesAndTagsListWhatIsStored() throws Exception {
        Response services = backend.post("/variable", "{\"payload\":{\"target\":\"services\"}}");
        assertEquals(200, services.status(), services.text());
        assertTrue(services.text().contains("\"__value\":\"" + CARTS + "\""), services.text());
        assertBad(backend.post("/variable", "{\"payload\":{\"target\":\"planets\"}}"), "payload.target");

        Response keys = backend.post("/tag-keys", "{}");
        assertTrue(keys.text().contains("\"text\":\"namespace\""), keys.text());
        Response namespaces = backend.post("/tag-values", "{\"key\":\"namespace\"}");
        assertTrue(namespaces.text().contains("\"text\":\"proto\""), namespaces.text());
        assertBad(backend.post("/tag-values", "{\"key\":\"colour\"}"), "key");
    }

    @Test
    void unknownTenantIsRejected() throws Exception {
        Response response = backend.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(backend.url() + "/tag-values"))
                .header("X-Rootscope-Tenant", "acme").POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"key\":\"type\"}")));
        assertBad(response, "X-Rootscope-Tenant");
    }

    @Test
    void exportsItsOwnPrometheusMetrics() throws Exception {
        backend.post("/metrics", "{}");
        Response scrape = backend.get("/metrics");
        assertEquals(200, scrape.status());
        assertTrue(scrape.text().contains("rootscope_http_requests_total{endpoint=\"/metrics\",method=\"POST\",status=\"200\"}"), scrape.text());
        assertFalse(scrape.text().contains("Exception"));
    }

    static String query(Instant from, Instant to, int maxDataPoints, String targets) {
        return "{\"range\":{\"from\":\"" + from + "\",\"to\":\"" + to + "\"},\"intervalMs\":1000,\"maxDataPoints\":" + maxDataPoints
                + ",\"targets\":[" + targets + "]}";
    }

    static void assertBad(Response response, String field) {
        assertEquals(400, response.status(), response.text());
        assertEquals(field, response.body().get("field").asText(), response.text());
        assertFalse(response.text().contains("at io."), "no stack trace: " + response.text());
    }

    private static JsonNode find(JsonNode kinds, String name) {
        for (JsonNode kind : kinds) {
            if (kind.get("value").asText().equals(name)) {
                return kind;
            }
        }
        throw new AssertionError("no kind " + name + " in " + kinds);
    }
}
