package io.rootscope.backend.http;

import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.logs.OtlpGrpcLogRecordExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.rootscope.backend.testing.Rows;
import io.rootscope.backend.testing.SdkExports;
import io.rootscope.backend.testing.TestBackend;
import io.rootscope.backend.testing.TestDatabase;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The OpenTelemetry Java SDK, with its default OTLP exporters (their default sender, OkHttp), only the endpoint set and
 * the tenant header added, exporting spans and logs to the real backend over OTLP/HTTP (protobuf) and over OTLP/gRPC:
 * the rows land in {@code trace_span}, {@code span_call} and {@code log_event} ({@link SdkExports}), plain and gzip.
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

    private static void exportAndCheck(String namespace, String compression) throws SQLException {
        SdkExports.exportAndCheck(db, tenantId, namespace,
                OtlpHttpSpanExporter.builder().setEndpoint(backend.url() + "/v1/traces")
                        .addHeader(TenantResolver.HEADER, TENANT).setCompression(compression).build(),
                OtlpHttpLogRecordExporter.builder().setEndpoint(backend.url() + "/v1/logs")
                        .addHeader(TenantResolver.HEADER, TENANT).setCompression(compression).build());
    }
}
