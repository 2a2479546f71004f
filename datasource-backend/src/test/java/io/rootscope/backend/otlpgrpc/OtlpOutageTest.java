package io.rootscope.backend.otlpgrpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.rpc.Code;
import com.zaxxer.hikari.HikariDataSource;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import io.rootscope.backend.Backend;
import io.rootscope.backend.db.DataSourceFactory;
import io.rootscope.backend.db.DatabaseSettings;
import io.rootscope.backend.http.RequestBody;
import io.rootscope.backend.http.TenantResolver;
import io.rootscope.backend.refusal.DatabaseFailure;
import io.rootscope.backend.testing.OtlpMessages;
import io.rootscope.backend.testing.Rows;
import io.rootscope.backend.testing.TcpProxy;
import io.rootscope.backend.testing.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * With the database away, an OTLP export is refused so that the client retries: over gRPC UNAVAILABLE with RetryInfo,
 * over OTLP/HTTP protobuf 503 with {@code Retry-After} and a {@code google.rpc.Status} body; once it is back, the same
 * export is stored.
 */
class OtlpOutageTest {

    @Test
    void exportsAreRefusedRetryablyDuringAnOutageAndStoredAfterwards() throws Exception {
        TestDatabase database = TestDatabase.shared();
        String tenant = "grpc-outage-" + UUID.randomUUID().toString().substring(0, 8);
        long tenantId = Long.parseLong(Rows.single(database.dataSource(),
                "INSERT INTO dim_tenant (code, name) VALUES ('" + tenant + "', 'Outage') RETURNING tenant_id"));
        DatabaseSettings writer = database.backendConfig(Map.of()).database().writer();
        URI server = URI.create(writer.jdbcUrl().substring("jdbc:".length()));
        try (TcpProxy proxy = new TcpProxy(server.getPort());
             HikariDataSource writerPool = DataSourceFactory.create(new DatabaseSettings(
                     writer.jdbcUrl().replace(":" + server.getPort() + "/", ":" + proxy.port() + "/"), writer.user(), writer.password(), 2),
                     "outage-writer");
             HikariDataSource readerPool = DataSourceFactory.create(database.readerSettings(), "outage-reader");
             Backend backend = Backend.serve(database.backendConfig(Map.of()), writerPool, readerPool)) {
            ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", backend.otlpGrpcPort().orElseThrow()).usePlaintext().build();
            Metadata headers = new Metadata();
            headers.put(ExportTenant.TENANT, tenant);
            TraceServiceGrpc.TraceServiceBlockingStub traces = TraceServiceGrpc.newBlockingStub(channel)
                    .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
            try {
                traces.export(OtlpMessages.traces("outage", OtlpMessages.span("GET /before")));

                proxy.cut();
                StatusRuntimeException refused = assertThrows(StatusRuntimeException.class,
                        () -> traces.export(OtlpMessages.traces("outage", OtlpMessages.span("GET /during"))));
                assertEquals(Status.Code.UNAVAILABLE, refused.getStatus().getCode());
                assertTrue(refused.getStatus().getDescription().contains("database unavailable"), refused.getStatus().getDescription());
                assertEquals(DatabaseFailure.OUTAGE_RETRY_AFTER_SECONDS, OtlpGrpcStatusTest.retryAfterSeconds(refused));
                HttpResponse<byte[]> overHttp = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(backend.url() + "/v1/traces"))
                        .header("Content-Type", RequestBody.PROTOBUF).header(TenantResolver.HEADER, tenant)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(OtlpMessages.traces("outage", OtlpMessages.span("GET /during")).toByteArray()))
                        .build(), HttpResponse.BodyHandlers.ofByteArray());
                assertEquals(503, overHttp.statusCode());
                assertEquals(String.valueOf(DatabaseFailure.OUTAGE_RETRY_AFTER_SECONDS), overHttp.headers().firstValue("Retry-After").orElse("none"));
                com.google.rpc.Status status = com.google.rpc.Status.parseFrom(overHttp.body());
                assertEquals(Code.UNAVAILABLE.getNumber(), status.getCode(), status.toString());
                assertTrue(status.getMessage().contains("database unavailable"), status.getMessage());

                proxy.start();
                traces.export(OtlpMessages.traces("outage", OtlpMessages.span("GET /after")));
            } finally {
                channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
        }
        assertEquals("GET /after, GET /before", Rows.single(database.dataSource(), "SELECT string_agg(operation, ', ' ORDER BY operation) "
                + "FROM trace_span WHERE tenant_id = " + tenantId));
    }
}
