package io.rootscope.backend.http;

import static io.rootscope.backend.testing.OtlpBodies.gzip;
import static io.rootscope.backend.testing.OtlpMessages.nanos;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.rpc.Code;
import com.google.protobuf.util.JsonFormat;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Sum;
import io.opentelemetry.proto.resource.v1.Resource;
import io.rootscope.backend.Backend;
import io.rootscope.backend.config.BackendConfig;
import io.rootscope.backend.config.ConfigKey;
import io.rootscope.backend.db.DataSourceFactory;
import io.rootscope.backend.db.DatabaseSettings;
import io.rootscope.backend.json.Json;
import io.rootscope.backend.testing.Rows;
import io.rootscope.backend.testing.TcpProxy;
import io.rootscope.backend.testing.TestBackend;
import io.rootscope.backend.testing.TestDatabase;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code /v1/metrics} as {@code /v1/traces} and {@code /v1/logs} answer: protobuf and JSON, gzip or not, a bad data point
 * rejected in {@code partial_success} while the good ones are stored in {@code pushed_sample}, 400 for an undecodable body
 * or one with nothing good, 413 past the body limit, 415 for another type, 503 with Retry-After while the database is
 * away (and the retried export stored after), each tenant's series its own.
 */
class OtlpMetricsEndpointTest {

    private static final int LIMIT = 256 * 1024;
    private static final String TENANT = "otlp-met-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String OTHER_TENANT = TENANT + "-b";
    private static TestDatabase database;
    private static TestBackend backend;
    private static DataSource db;
    private static long tenantId;
    private static long otherTenantId;

    @BeforeAll
    static void start() throws Exception {
        database = TestDatabase.shared();
        db = database.dataSource();
        tenantId = Long.parseLong(Rows.single(db, "INSERT INTO dim_tenant (code, name) VALUES ('" + TENANT + "', 'M') RETURNING tenant_id"));
        otherTenantId = Long.parseLong(Rows.single(db, "INSERT INTO dim_tenant (code, name) VALUES ('" + OTHER_TENANT + "', 'M2') RETURNING tenant_id"));
        backend = new TestBackend(database, database.backendConfig(Map.of(ConfigKey.HTTP_MAX_BODY_BYTES.key(), String.valueOf(LIMIT))));
    }

    @AfterAll
    static void stop() {
        if (backend != null) {
            backend.close();
        }
    }

    @Test
    void aBadPointIsRejectedInPartialSuccessAndTheGoodOnesAreStored() throws Exception {
        long now = nanos(Instant.now());
        ExportMetricsServiceRequest request = request("pb-partial", counter("http.server.requests", now, 5, Double.NaN, 7));
        HttpResponse<byte[]> answer = post(backend.url(), TENANT, RequestBody.PROTOBUF, null, request.toByteArray());
        assertEquals(200, answer.statusCode(), new String(answer.body(), StandardCharsets.UTF_8));
        assertEquals(RequestBody.PROTOBUF, answer.headers().firstValue("Content-Type").orElse(""));
        ExportMetricsServiceResponse response = ExportMetricsServiceResponse.parseFrom(answer.body());
        assertEquals(1, response.getPartialSuccess().getRejectedDataPoints());
        assertTrue(response.getPartialSuccess().getErrorMessage().contains(
                "resourceMetrics[0].scopeMetrics[0].metrics[0].sum.dataPoints[1].asDouble: not a finite number: NaN"),
                response.getPartialSuccess().getErrorMessage());
        assertEquals("http_server_requests_total 5 7", stored(tenantId, "pb-partial"), "the good points, at their times");
    }

    @Test
    void aFullyAcceptedGzipExportAnswersAnEmptyResponse() throws Exception {
        byte[] body = gzip(request("pb-gzip", gauge("queue.depth", nanos(Instant.now()), 3)).toByteArray());
        HttpResponse<byte[]> answer = post(backend.url(), TENANT, RequestBody.PROTOBUF, "gzip", body);
        assertEquals(200, answer.statusCode(), new String(answer.body(), StandardCharsets.UTF_8));
        assertFalse(ExportMetricsServiceResponse.parseFrom(answer.body()).hasPartialSuccess());
        assertEquals("queue_depth 3", stored(tenantId, "pb-gzip"));
    }

    @Test
    void aJsonExportWithABadPointAnswersPartialSuccessInJson() throws Exception {
        long now = nanos(Instant.now());
        String json = JsonFormat.printer().print(request("json-partial", gauge("queue.depth", now, 4),
                Metric.newBuilder().setName("requests").setSum(Sum.newBuilder()
                        .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA).setIsMonotonic(true)
                        .addDataPoints(NumberDataPoint.newBuilder().setTimeUnixNano(now).setAsInt(1))).build()));
        HttpResponse<byte[]> answer = post(backend.url(), TENANT, RequestBody.JSON, "gzip", gzip(json.getBytes(StandardCharsets.UTF_8)));
        assertEquals(200, answer.statusCode(), new String(answer.body(), StandardCharsets.UTF_8));
        JsonNode body = Json.MAPPER.readTree(answer.body());
        assertEquals(1, body.path("accepted").asLong());
        assertEquals(1, body.path("samples").asLong());
        assertEquals("1", body.path("partialSuccess").path("rejectedDataPoints").asText());
        assertTrue(body.path("partialSuccess").path("errorMessage").asText()
                .contains("metrics[1].sum.dataPoints[0]: aggregationTemporality DELTA is not taken"), body.toString());
        assertEquals("queue_depth 4", stored(tenantId, "json-partial"));
    }

    @Test
    void theSameExportTwiceStoresEachSampleOnce() throws Exception {
        byte[] body = request("pb-twice", gauge("queue.depth", nanos(Instant.now()), 6)).toByteArray();
        assertEquals(200, post(backend.url(), TENANT, RequestBody.PROTOBUF, null, body).statusCode());
        HttpResponse<byte[]> again = post(backend.url(), TENANT, RequestBody.JSON, null,
                JsonFormat.printer().print(ExportMetricsServiceRequest.parseFrom(body)).getBytes(StandardCharsets.UTF_8));
        assertEquals(0, Json.MAPPER.readTree(again.body()).path("samples").asLong(), "a retried export adds nothing");
        assertEquals("queue_depth 6", stored(tenantId, "pb-twice"));
    }

    @Test
    void eachTenantHasItsOwnSeries() throws Exception {
        long now = nanos(Instant.now());
        assertEquals(200, post(backend.url(), TENANT, RequestBody.PROTOBUF, null, request("tenants", gauge("queue.depth", now, 1)).toByteArray()).statusCode());
        assertEquals(200, post(backend.url(), OTHER_TENANT, RequestBody.PROTOBUF, null, request("tenants", gauge("queue.depth", now, 2)).toByteArray()).statusCode());
        assertEquals("queue_depth 1", stored(tenantId, "tenants"));
        assertEquals("queue_depth 2", stored(otherTenantId, "tenants"));
        HttpResponse<byte[]> unknown = post(backend.url(), "no-such-tenant-" + TENANT, RequestBody.PROTOBUF, null,
                request("tenants", gauge("queue.depth", now, 3)).toByteArray());
        assertEquals(400, unknown.statusCode());
        assertTrue(OtlpProtobufEndpointTest.status(unknown, Code.INVALID_ARGUMENT).getMessage().startsWith(TenantResolver.HEADER + ": "));
    }

    @Test
    void anUndecodableBodyIs400NamingTheProblem() throws Exception {
        byte[] whole = request("pb-truncated", gauge("queue.depth", nanos(Instant.now()), 1)).toByteArray();
        HttpResponse<byte[]> truncated = post(backend.url(), TENANT, RequestBody.PROTOBUF, null, Arrays.copyOf(whole, whole.length - 3));
        assertEquals(400, truncated.statusCode());
        String error = OtlpProtobufEndpointTest.status(truncated, Code.INVALID_ARGUMENT).getMessage();
        assertTrue(error.startsWith("body: payload is not an OTLP/protobuf ExportMetricsServiceRequest: "), error);
        HttpResponse<byte[]> json = post(backend.url(), TENANT, RequestBody.JSON, null,
                "{\"resourceMetrics\": [{\"scopeMetrics\": 3}]}".getBytes(StandardCharsets.UTF_8));
        assertEquals(400, json.statusCode());
        assertTrue(Json.MAPPER.readTree(json.body()).path("error").asText().startsWith("payload is not an OTLP/JSON ExportMetricsServiceRequest"));
    }

    @Test
    void anExportWithNothingGoodIs400NamingTheField() throws Exception {
        HttpResponse<byte[]> answer = post(backend.url(), TENANT, RequestBody.PROTOBUF, null,
                request("pb-bad", gauge("queue.depth", 0, 1)).toByteArray());
        assertEquals(400, answer.statusCode());
        String error = OtlpProtobufEndpointTest.status(answer, Code.INVALID_ARGUMENT).getMessage();
        assertTrue(error.startsWith("resourceMetrics[0].scopeMetrics[0].metrics[0].gauge.dataPoints[0].timeUnixNano: "), error);
    }

    @Test
    void aGzipInflatingPastTheLimitIs413AndAnotherTypeIs415() throws Exception {
        HttpResponse<byte[]> bomb = post(backend.url(), TENANT, RequestBody.PROTOBUF, "gzip", gzip(new byte[LIMIT * 8]));
        assertEquals(413, bomb.statusCode());
        assertTrue(new String(bomb.body(), StandardCharsets.UTF_8).contains("ROOTSCOPE_HTTP_MAX_BODY_BYTES"));
        HttpResponse<byte[]> type = post(backend.url(), TENANT, "application/grpc", null, new byte[0]);
        assertEquals(415, type.statusCode());
        assertTrue(new String(type.body(), StandardCharsets.UTF_8).contains("application/x-protobuf or application/json"));
    }

    @Test
    void anExportDuringADatabaseOutageIs503WithRetryAfterAndItsRetryIsStored() throws Exception {
        BackendConfig config = database.backendConfig(Map.of());
        DatabaseSettings writer = config.database().writer();
        URI server = URI.create(writer.jdbcUrl().substring("jdbc:".length()));
        try (TcpProxy proxy = new TcpProxy(server.getPort());
             HikariDataSource pool = DataSourceFactory.create(new DatabaseSettings(writer.jdbcUrl().replace(":" + server.getPort() + "/",
                     ":" + proxy.port() + "/"), writer.user(), writer.password(), 2), "outage-writer")) {
            Backend outage = Backend.serve(config, pool, db);
            try {
                byte[] body = request("outage", gauge("queue.depth", nanos(Instant.now()), 8)).toByteArray();
                proxy.cut();
                HttpResponse<byte[]> down = post(outage.url(), TENANT, RequestBody.PROTOBUF, null, body);
                assertEquals(503, down.statusCode(), new String(down.body(), StandardCharsets.UTF_8));
                assertTrue(down.headers().firstValue("Retry-After").isPresent());
                proxy.start();
                assertEquals(200, post(outage.url(), TENANT, RequestBody.PROTOBUF, null, body).statusCode());
            } finally {
                outage.close();
            }
        }
        assertEquals("queue_depth 8", stored(tenantId, "outage"));
    }

    /** The tenant's series of the job {@code namespace/carts}: name and values in time order, series by name. */
    private static String stored(long tenant, String namespace) throws Exception {
        return Rows.single(db, "SELECT string_agg(name || ' ' || v, ', ' ORDER BY name) FROM (SELECT s.name, "
                + "string_agg(p.value::text, ' ' ORDER BY p.ts) AS v FROM pushed_series s JOIN pushed_sample p USING (series_id) "
                + "WHERE s.tenant_id = " + tenant + " AND p.tenant_id = " + tenant + " AND s.labels->>'job' = '" + namespace + "/carts' "
                + "GROUP BY s.name) series");
    }

    private static ExportMetricsServiceRequest request(String namespace, Metric... metrics) {
        Resource resource = Resource.newBuilder()
                .addAttributes(KeyValue.newBuilder().setKey("service.name").setValue(AnyValue.newBuilder().setStringValue("carts")))
                .addAttributes(KeyValue.newBuilder().setKey("service.namespace").setValue(AnyValue.newBuilder().setStringValue(namespace)))
                .build();
        return ExportMetricsServiceRequest.newBuilder().addResourceMetrics(ResourceMetrics.newBuilder().setResource(resource)
                .addScopeMetrics(ScopeMetrics.newBuilder().addAllMetrics(Arrays.asList(metrics)))).build();
    }

    private static Metric gauge(String name, long time, double value) {
        return Metric.newBuilder().setName(name).setGauge(Gauge.newBuilder()
                .addDataPoints(NumberDataPoint.newBuilder().setTimeUnixNano(time).setAsDouble(value))).build();
    }

    /** A cumulative counter with one point per value, a second apart. */
    private static Metric counter(String name, long start, double... values) {
        Sum.Builder sum = Sum.newBuilder().setIsMonotonic(true)
                .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE);
        for (int i = 0; i < values.length; i++) {
            sum.addDataPoints(NumberDataPoint.newBuilder().setTimeUnixNano(start + i * 1_000_000_000L).setAsDouble(values[i]));
        }
        return Metric.newBuilder().setName(name).setSum(sum).build();
    }

    private static HttpResponse<byte[]> post(String base, String tenant, String contentType, String encoding, byte[] body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/v1/metrics")).header("Content-Type", contentType)
                .header(TenantResolver.HEADER, tenant).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (encoding != null) {
            request.header("Content-Encoding", encoding);
        }
        // A client per request: a refused body (413, 415) ends its connection, which a pooled client would reuse.
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
