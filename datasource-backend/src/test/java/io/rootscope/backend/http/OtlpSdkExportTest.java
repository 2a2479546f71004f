package io.rootscope.backend.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.metrics.DoubleGauge;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.LongUpDownCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.logs.OtlpGrpcLogRecordExporter;
import io.opentelemetry.exporter.otlp.metrics.OtlpGrpcMetricExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.rootscope.backend.json.Json;
import io.rootscope.backend.testing.Rows;
import io.rootscope.backend.testing.SdkExports;
import io.rootscope.backend.testing.TestBackend;
import io.rootscope.backend.testing.TestDatabase;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The OpenTelemetry Java SDK, with its default OTLP exporters (their default sender, OkHttp), only the endpoint set and
 * the tenant header added, exporting spans and logs to the real backend over OTLP/HTTP (protobuf) and over OTLP/gRPC:
 * the rows land in {@code trace_span}, {@code span_call} and {@code log_event} ({@link SdkExports}), plain and gzip;
 * and metrics, with nothing but the endpoint set: a counter, an up-down counter, a gauge and a histogram land in
 * {@code pushed_series} and {@code pushed_sample} under their Prometheus names and labels.
 */
class OtlpSdkExportTest {

    private static final String TENANT = "otlp-sdk-" + UUID.randomUUID().toString().substring(0, 8);
    private static TestBackend backend;
    private static DataSource db;
    private static long tenantId;

    @BeforeAll
    static void start() throws Exception {
        db = TestDatabase.shared().dataSource();
        tenantId = Long.parseLong(Rows.single(db, "INSERT INTO dim_tenant (code, name) VALUES ('" + TENANT + "', 'SDK') RETURNING tenant_id"));
        backend = new TestBackend(Optional.empty());
    }

    @AfterAll
    static void stop() {
        if (backend != null) {
            backend.close();
        }
    }

    @Test
    void spansAndLogsExportedByTheSdkAreStored() throws SQLException {
        exportAndCheck("sdk-plain", "none");
    }

    @Test
    void spansAndLogsExportedWithGzipAreStored() throws SQLException {
        exportAndCheck("sdk-gzip", "gzip");
    }

    @Test
    void spansAndLogsExportedOverGrpcAreStored() throws SQLException {
        exportOverGrpcAndCheck("grpc-sdk-plain", "none");
    }

    @Test
    void spansAndLogsExportedOverGrpcWithGzipAreStored() throws SQLException {
        exportOverGrpcAndCheck("grpc-sdk-gzip", "gzip");
    }

    private static void exportOverGrpcAndCheck(String namespace, String compression) throws SQLException {
        String endpoint = "http://127.0.0.1:" + backend.otlpGrpcPort();
        SdkExports.exportAndCheck(db, tenantId, namespace,
                OtlpGrpcSpanExporter.builder().setEndpoint(endpoint).addHeader(TenantResolver.HEADER, TENANT).setCompression(compression).build(),
                OtlpGrpcLogRecordExporter.builder().setEndpoint(endpoint).addHeader(TenantResolver.HEADER, TENANT).setCompression(compression)
                        .build());
    }

    @Test
    void metricsExportedByTheSdkWithItsDefaultsAreStoredAsPrometheusSeries() throws Exception {
        // The SDK's defaults otherwise: http/protobuf, no compression, cumulative temporality, the default buckets.
        exportMetricsAndCheck(OtlpHttpMetricExporter.builder().setEndpoint(backend.url() + "/v1/metrics").build());
    }

    @Test
    void metricsExportedOverGrpcAreStoredAsPrometheusSeries() throws Exception {
        exportMetricsAndCheck(OtlpGrpcMetricExporter.builder().setEndpoint("http://127.0.0.1:" + backend.otlpGrpcPort()).build());
    }

    private static void exportMetricsAndCheck(MetricExporter exporter) throws Exception {
        String service = "sdk-metrics-" + UUID.randomUUID().toString().substring(0, 8);
        Resource resource = Resource.getDefault().merge(Resource.create(Attributes.of(
                AttributeKey.stringKey("service.name"), service, AttributeKey.stringKey("service.namespace"), "sdk")));
        Instant before = Instant.now();
        try (SdkMeterProvider metering = SdkMeterProvider.builder().setResource(resource)
                .registerMetricReader(PeriodicMetricReader.builder(exporter).build()).build()) {
            Meter meter = metering.get("rootscope-test");
            Attributes ok = Attributes.of(AttributeKey.longKey("http.response.status_code"), 200L);
            LongCounter orders = meter.counterBuilder("app.orders").setUnit("{order}").build();
            orders.add(2, ok);
            orders.add(1, ok);
            LongUpDownCounter queue = meter.upDownCounterBuilder("app.queue.size").setUnit("By").build();
            queue.add(500);
            queue.add(-200);
            DoubleGauge utilisation = meter.gaugeBuilder("app.cpu.utilization").setUnit("1").build();
            utilisation.set(0.5);
            DoubleHistogram duration = meter.histogramBuilder("app.request.duration").setUnit("s").build();
            for (double seconds : List.of(0.003, 0.2, 7.0)) {
                duration.record(seconds, ok);
            }
            assertTrue(metering.forceFlush().join(10, TimeUnit.SECONDS).isSuccess(), "the metric export succeeded");
        }
        Map<String, String> resourceLabels = new HashMap<>();
        resource.getAttributes().forEach((key, value) -> resourceLabels.put(key.getKey().replace('.', '_'), value.toString()));
        resourceLabels.put("job", "sdk/" + service);
        Map<String, String> okLabels = new HashMap<>(resourceLabels);
        okLabels.put("http_response_status_code", "200");
        String series = "SELECT s.name, s.labels, p.value FROM pushed_series s JOIN pushed_sample p USING (series_id) "
                + "WHERE s.tenant_id = (SELECT tenant_id FROM dim_tenant WHERE code = 'default') AND s.labels->>'service_name' = '" + service
                + "' AND p.ts >= '" + before + "' AND p.ts = (SELECT min(ts) FROM pushed_sample q WHERE q.series_id = s.series_id)";
        assertEquals(Map.of("app_orders_total", "3", "app_queue_size_bytes", "300", "app_cpu_utilization_ratio", "0.5",
                        "app_request_duration_seconds_count", "3", "app_request_duration_seconds_sum", "7.203"),
                Map.copyOf(Rows.column(db, "SELECT name || '=' || value FROM (" + series + ") x WHERE name LIKE 'app\\_%' AND name NOT LIKE '%\\_bucket'").stream()
                        .map(row -> row.split("=", 2)).collect(Collectors.toMap(kv -> kv[0], kv -> kv[1]))),
                "each instrument under its Prometheus name with its first exported value (the SDK's own otel_sdk_* metrics aside)");
        assertEquals(List.of("0=0", "5=2", "10=3", "25=3", "50=3", "75=3", "100=3", "250=3", "500=3", "750=3", "1000=3", "2500=3",
                        "5000=3", "7500=3", "10000=3", "+Inf=3"),
                Rows.column(db, "SELECT labels->>'le' || '=' || value FROM (" + series + ") x WHERE name = 'app_request_duration_seconds_bucket' "
                        + "ORDER BY CASE labels->>'le' WHEN '+Inf' THEN 'Infinity'::float8 ELSE (labels->>'le')::float8 END"),
                "the SDK's default buckets, cumulative");
        assertEquals(okLabels, labels(series, "app_orders_total"), "the point's attribute and every resource attribute, job from the service");
        assertEquals(resourceLabels, labels(series, "app_queue_size_bytes"));
        okLabels.put("le", "+Inf");
        assertEquals(okLabels, labels(series + " AND s.labels->>'le' = '+Inf'", "app_request_duration_seconds_bucket"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> labels(String series, String name) throws Exception {
        return Map.copyOf(Json.MAPPER.readValue(Rows.single(db, "SELECT labels FROM (" + series + ") x WHERE name = '" + name + "'"), Map.class));
    }

    private static void exportAndCheck(String namespace, String compression) throws SQLException {
        SdkExports.exportAndCheck(db, tenantId, namespace,
                OtlpHttpSpanExporter.builder().setEndpoint(backend.url() + "/v1/traces")
                        .addHeader(TenantResolver.HEADER, TENANT).setCompression(compression).build(),
                OtlpHttpLogRecordExporter.builder().setEndpoint(backend.url() + "/v1/logs")
                        .addHeader(TenantResolver.HEADER, TENANT).setCompression(compression).build());
    }
}
