package io.rootscope.backend.otlpgrpc;

import io.opentelemetry.exporter.otlp.logs.OtlpGrpcLogRecordExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.rootscope.backend.http.TenantResolver;
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
 * The OpenTelemetry Java SDK, with its default OTLP/gRPC exporters (their default sender), only the endpoint set to the
 * backend's gRPC port and the tenant header added, exporting spans and logs: the same rows as over OTLP/HTTP
 * ({@link SdkExports}), uncompressed and gzip.
 */
class OtlpGrpcSdkExportTest {

    private static final String TENANT = "otlp-grpc-sdk-" + UUID.randomUUID().toString().substring(0, 8);
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
    void spansAndLogsExportedOverGrpcAreStored() throws SQLException {
        exportAndCheck("grpc-sdk-plain", "none");
    }

    @Test
    void spansAndLogsExportedOverGrpcWithGzipAreStored() throws SQLException {
        exportAndCheck("grpc-sdk-gzip", "gzip");
    }

    private static void exportAndCheck(String namespace, String compression) throws SQLException {
        String endpoint = "http://127.0.0.1:" + backend.otlpGrpcPort();
        SdkExports.exportAndCheck(db, tenantId, namespace,
                OtlpGrpcSpanExporter.builder().setEndpoint(endpoint).addHeader(TenantResolver.HEADER, TENANT).setCompression(compression).build(),
                OtlpGrpcLogRecordExporter.builder().setEndpoint(endpoint).addHeader(TenantResolver.HEADER, TENANT).setCompression(compression)
                        .build());
    }
}
