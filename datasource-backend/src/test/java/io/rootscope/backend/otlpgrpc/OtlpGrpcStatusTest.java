package io.rootscope.backend.otlpgrpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import com.google.rpc.RetryInfo;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.logs.v1.LogsServiceGrpc;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.trace.v1.Span;
import io.rootscope.backend.config.ConfigKey;
import io.rootscope.backend.http.TenantResolver;
import io.rootscope.backend.tenancy.ApiTokens;
import io.rootscope.backend.testing.OtlpMessages;
import io.rootscope.backend.testing.RawGrpc;
import io.rootscope.backend.testing.RawHttp;
import io.rootscope.backend.testing.Rows;
import io.rootscope.backend.testing.TestBackend;
import io.rootscope.backend.testing.TestDatabase;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * OTLP/gRPC's status codes, with a raw grpc-java client against the real backend (auth on, one export at a time, a small
 * message limit): partial success keeps the good records; INVALID_ARGUMENT for an undecodable request or one with
 * nothing good; UNAUTHENTICATED and PERMISSION_DENIED, a tenant's token never writing into another tenant;
 * RESOURCE_EXHAUSTED over the message limit (gzip's inflated size too) and, with RetryInfo, while the exports are busy.
 */
class OtlpGrpcStatusTest {

    private static final int LIMIT = 256 * 1024;
    private static final String ADMIN = "grpc-admin-" + UUID.randomUUID();
    private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);
    private static final String TENANT_A = "grpc-a-" + SUFFIX;
    private static final String TENANT_B = "grpc-b-" + SUFFIX;
    private static TestBackend backend;
    private static ManagedChannel channel;
    private static DataSource db;
    private static long tenantA;
    private static long tenantB;
    private static String tokenA;

    @BeforeAll
    static void start() throws Exception {
        TestDatabase database = TestDatabase.shared();
        db = database.dataSource();
        tenantA = Long.parseLong(Rows.single(db, "INSERT INTO dim_tenant (code, name) VALUES ('" + TENANT_A + "', 'A') RETURNING tenant_id"));
        tenantB = Long.parseLong(Rows.single(db, "INSERT INTO dim_tenant (code, name) VALUES ('" + TENANT_B + "', 'B') RETURNING tenant_id"));
        tokenA = new ApiTokens(DSL.using(db, SQLDialect.POSTGRES)).issueFor(Set.of(tenantA));
        backend = new TestBackend(database, database.backendConfig(Map.of(ConfigKey.AUTH_TOKEN.key(), ADMIN,
                ConfigKey.HTTP_MAX_BODY_BYTES.key(), String.valueOf(LIMIT), ConfigKey.HTTP_MAX_BODY_REQUESTS.key(), "1")));
        channel = ManagedChannelBuilder.forAddress("127.0.0.1", backend.otlpGrpcPort()).usePlaintext().build();
    }

    @AfterAll
    static void stop() throws Exception {
        if (channel != null) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        if (backend != null) {
            backend.close();
        }
    }

    @Test
    void aBadSpanIsRejectedInPartialSuccessAndTheGoodOnesAreStored() throws Exception {
        Span good = OtlpMessages.span("GET /a");
        Span bad = OtlpMessages.span("GET /b").toBuilder().setTraceId(ByteString.EMPTY).build();
        Span alsoGood = OtlpMessages.span("GET /c");
        ExportTraceServiceResponse response = traces(TENANT_A, tokenA).export(OtlpMessages.traces("grpc-partial", good, bad, alsoGood));
        assertEquals(1, response.getPartialSuccess().getRejectedSpans());
        assertTrue(response.getPartialSuccess().getErrorMessage().contains("resourceSpans[0].scopeSpans[0].spans[1].traceId: missing"),
                response.getPartialSuccess().getErrorMessage());
        assertEquals("GET /a, GET /c", Rows.single(db, "SELECT string_agg(operation, ', ' ORDER BY operation) FROM trace_span s "
                + "JOIN dim_resource r USING (resource_id) WHERE s.tenant_id = " + tenantA + " AND r.urn = 'urn:k8s:svc:grpc-partial/carts'"));
    }

    @Test
    void aBadLogRecordIsRejectedInPartialSuccessAndTheGoodOnesAreStored() throws Exception {
        long now = OtlpMessages.nanos(Instant.now());
        LogRecord good = LogRecord.newBuilder().setTimeUnixNano(now).setSeverityNumberValue(17)
                .setBody(AnyValue.newBuilder().setStringValue("cart 7 not found")).build();
        LogRecord noBody = LogRecord.newBuilder().setTimeUnixNano(now).build();
        ExportLogsServiceRequest request = ExportLogsServiceRequest.newBuilder().addResourceLogs(ResourceLogs.newBuilder()
                .setResource(OtlpMessages.resource("grpc-logs")).addScopeLogs(ScopeLogs.newBuilder().addLogRecords(noBody).addLogRecords(good)))
                .build();
        ExportLogsServiceResponse response = LogsServiceGrpc.newBlockingStub(channel).withInterceptors(headers(TENANT_A, tokenA))
                .withCompression("gzip").export(request);
        assertEquals(1, response.getPartialSuccess().getRejectedLogRecords());
        assertTrue(response.getPartialSuccess().getErrorMessage().contains("resourceLogs[0].scopeLogs[0].logRecords[0].body: missing"),
                response.getPartialSuccess().getErrorMessage());
        assertEquals("1 true", Rows.single(db, "SELECT count(*) || ' ' || bool_and(e.error) FROM log_event e JOIN dim_resource r "
                + "USING (resource_id) WHERE e.tenant_id = " + tenantA + " AND r.urn = 'urn:k8s:svc:grpc-logs/carts'"));
    }

    @Test
    void aBatchWithNothingGoodIsInvalidArgumentNamingTheField() throws Exception {
        Span bad = OtlpMessages.span("GET /d").toBuilder().setEndTimeUnixNano(1).build();
        StatusRuntimeException refused = assertThrows(StatusRuntimeException.class,
                () -> traces(TENANT_A, tokenA).export(OtlpMessages.traces("grpc-bad", bad)));
        assertEquals(Status.Code.INVALID_ARGUMENT, refused.getStatus().getCode());
        assertTrue(refused.getStatus().getDescription().startsWith("resourceSpans[0].scopeSpans[0].spans[0].endTimeUnixNano: "),
                refused.getStatus().getDescription());
    }

    @Test
    void anUndecodableRequestIsInvalidArgument() throws Exception {
        byte[] whole = OtlpMessages.traces("grpc-truncated", OtlpMessages.span("GET /e")).toByteArray();
        byte[] truncated = Arrays.copyOf(whole, whole.length - 5);
        MethodDescriptor<byte[], byte[]> raw = RawGrpc.bytes(TraceServiceGrpc.getExportMethod());
        StatusRuntimeException refused = assertThrows(StatusRuntimeException.class, () -> ClientCalls.blockingUnaryCall(
                ClientInterceptors.intercept(channel, headers(TENANT_A, tokenA)), raw, CallOptions.DEFAULT, truncated));
        assertEquals(Status.Code.INVALID_ARGUMENT, refused.getStatus().getCode(), String.valueOf(refused.getStatus()));
        assertTrue(refused.getStatus().getDescription().startsWith(
                "request is not an OTLP/protobuf opentelemetry.proto.collector.trace.v1.TraceService/Export request: "),
                refused.getStatus().getDescription());
    }

    @Test
    void noOrAnUnknownTokenIsUnauthenticated() throws Exception {
        StatusRuntimeException none = assertThrows(StatusRuntimeException.class,
                () -> TraceServiceGrpc.newBlockingStub(channel).export(OtlpMessages.traces("grpc-auth", OtlpMessages.span("GET /f"))));
        assertEquals(Status.Code.UNAUTHENTICATED, none.getStatus().getCode());
        assertTrue(none.getStatus().getDescription().contains("missing bearer token"), none.getStatus().getDescription());
        StatusRuntimeException unknown = assertThrows(StatusRuntimeException.class,
                () -> traces(TENANT_A, "not-a-token").export(OtlpMessages.traces("grpc-auth", OtlpMessages.span("GET /f"))));
        assertEquals(Status.Code.UNAUTHENTICATED, unknown.getStatus().getCode());
    }

    @Test
    void aTokenOfOneTenantCannotWriteIntoAnother() throws Exception {
        StatusRuntimeException denied = assertThrows(StatusRuntimeException.class,
                () -> traces(TENANT_B, tokenA).export(OtlpMessages.traces("grpc-isolation", OtlpMessages.span("GET /g"))));
        assertEquals(Status.Code.PERMISSION_DENIED, denied.getStatus().getCode());
        assertTrue(denied.getStatus().getDescription().contains(TENANT_B), denied.getStatus().getDescription());
        // Without the tenant metadata the token acts for its only tenant.
        traces(null, tokenA).export(OtlpMessages.traces("grpc-isolation", OtlpMessages.span("GET /h")));
        assertEquals("0", Rows.single(db, "SELECT count(*) FROM trace_span WHERE tenant_id = " + tenantB));
        assertEquals("GET /h", Rows.single(db, "SELECT string_agg(operation, ', ') FROM trace_span s JOIN dim_resource r USING (resource_id) "
                + "WHERE s.tenant_id = " + tenantA + " AND r.urn = 'urn:k8s:svc:grpc-isolation/carts'"));
    }

    @Test
    void aMessageOverTheBodyLimitIsResourceExhaustedInflatedSizeIncluded() throws Exception {
        Span large = OtlpMessages.span("GET /" + "x".repeat(LIMIT));
        for (String compression : new String[] {"identity", "gzip"}) {
            StatusRuntimeException refused = assertThrows(StatusRuntimeException.class, () -> traces(TENANT_A, tokenA)
                    .withCompression(compression).export(OtlpMessages.traces("grpc-large", large)));
            assertEquals(Status.Code.RESOURCE_EXHAUSTED, refused.getStatus().getCode(), compression + ": " + refused.getStatus());
        }
        assertEquals("0", Rows.single(db, "SELECT count(*) FROM trace_span s JOIN dim_resource r USING (resource_id) "
                + "WHERE r.urn = 'urn:k8s:svc:grpc-large/carts'"));
    }

    @Test
    void anExportOverTheConcurrentBoundIsResourceExhaustedWithRetryInfo() throws Exception {
        Held held = holdTheSlot();
        try {
            StatusRuntimeException busy = held.refusal();
            assertEquals(Status.Code.RESOURCE_EXHAUSTED, busy.getStatus().getCode());
            assertTrue(busy.getStatus().getDescription().contains("ROOTSCOPE_HTTP_MAX_BODY_REQUESTS"), busy.getStatus().getDescription());
            assertEquals(ExportGate.RETRY_AFTER_SECONDS, retryAfterSeconds(busy));
        } finally {
            held.call().cancel("test over", null);
        }
        exportOnceTheSlotIsFree("the slot comes back once the held call ends");
    }

    @Test
    void anHttpBodyBeingReceivedTakesTheSlotOfAnExport() throws Exception {
        // The one slot is shared with HTTP: a body that has not arrived whole holds it, as a held call would.
        StatusRuntimeException busy = null;
        Socket stalled = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        try {
            while (busy == null) {
                // An export sent before the server has dispatched the body takes the slot, and the body is refused (503,
                // closed): it is sent again.
                if (stalled == null || stalled.getInputStream().available() > 0) {
                    if (stalled != null) {
                        stalled.close();
                    }
                    stalled = stalledBody();
                }
                try {
                    traces(TENANT_A, tokenA).export(OtlpMessages.traces("grpc-busy", OtlpMessages.span("GET /j")));
                } catch (StatusRuntimeException e) {
                    busy = e;
                }
                assertTrue(System.nanoTime() < deadline, "an export is refused while the body holds the slot");
                Thread.sleep(20);
            }
        } finally {
            if (stalled != null) {
                stalled.close();
            }
        }
        assertEquals(Status.Code.RESOURCE_EXHAUSTED, busy.getStatus().getCode());
        assertTrue(busy.getStatus().getDescription().contains("ROOTSCOPE_HTTP_MAX_BODY_REQUESTS"), busy.getStatus().getDescription());
        exportOnceTheSlotIsFree("the slot comes back once the HTTP body ends");
    }

    /** An HTTP request whose body, 1 byte of 1000, never arrives whole. */
    private static Socket stalledBody() throws IOException {
        int port = URI.create(backend.url()).getPort();
        Socket stalled = RawHttp.connect(port, Duration.ofSeconds(20));
        String head = RawHttp.head("POST", "/v1/logs", port, "application/json", 1000);
        stalled.getOutputStream().write((head.substring(0, head.length() - 2) + "Authorization: Bearer " + tokenA + "\r\n"
                + TenantResolver.HEADER + ": " + TENANT_A + "\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
        stalled.getOutputStream().flush();
        return stalled;
    }

    /** A call that holds the only export slot, and the refusal of an export sent while it does. */
    private record Held(ClientCall<ExportTraceServiceRequest, ExportTraceServiceResponse> call, StatusRuntimeException refusal) {
    }

    /**
     * Starts a call whose request never ends, so it holds the only export slot once its headers arrive (called as a
     * stream, so that its client sends the headers at once instead of with the unary request's end), and waits for an
     * export to be refused meanwhile. A held call that is closed first was itself refused (the slot was still held by
     * a request of an earlier test, ending): another is started.
     */
    private static Held holdTheSlot() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            CompletableFuture<Status> closed = new CompletableFuture<>();
            ClientCall<ExportTraceServiceRequest, ExportTraceServiceResponse> call = channel.newCall(
                    TraceServiceGrpc.getExportMethod().toBuilder().setType(MethodDescriptor.MethodType.CLIENT_STREAMING).build(),
                    CallOptions.DEFAULT);
            Metadata headers = new Metadata();
            headers.put(ExportTenant.AUTHORIZATION, "Bearer " + tokenA);
            call.start(new ClientCall.Listener<>() {
                @Override
                public void onClose(Status status, Metadata trailers) {
                    closed.complete(status);
                }
            }, headers);
            call.request(1);
            while (!closed.isDone()) {
                try {
                    traces(TENANT_A, tokenA).export(OtlpMessages.traces("grpc-busy", OtlpMessages.span("GET /j")));
                } catch (StatusRuntimeException e) {
                    return new Held(call, e);
                }
                assertTrue(System.nanoTime() < deadline, "an export is refused while the slot is held");
                Thread.sleep(20);
            }
            assertTrue(System.nanoTime() < deadline, "the held call gets the slot: it was closed " + closed.getNow(null));
        }
    }

    /** Exports until one is admitted, within 10 s. */
    private static void exportOnceTheSlotIsFree(String because) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            try {
                traces(TENANT_A, tokenA).export(OtlpMessages.traces("grpc-busy", OtlpMessages.span("GET /i")));
                return;
            } catch (StatusRuntimeException e) {
                assertTrue(System.nanoTime() < deadline, because + ": " + e.getStatus());
                Thread.sleep(50);
            }
        }
    }

    /** The RetryInfo delay of a refusal's status details, in seconds. */
    static long retryAfterSeconds(StatusRuntimeException refusal) throws IOException {
        com.google.rpc.Status status = StatusProto.fromThrowable(refusal);
        assertFalse(status == null || status.getDetailsCount() == 0, "status details with RetryInfo: " + refusal.getStatus());
        return status.getDetails(0).unpack(RetryInfo.class).getRetryDelay().getSeconds();
    }

    private static TraceServiceGrpc.TraceServiceBlockingStub traces(String tenant, String token) {
        return TraceServiceGrpc.newBlockingStub(channel).withInterceptors(headers(tenant, token));
    }

    private static ClientInterceptor headers(String tenant, String token) {
        Metadata headers = new Metadata();
        if (tenant != null) {
            headers.put(ExportTenant.TENANT, tenant);
        }
        headers.put(ExportTenant.AUTHORIZATION, "Bearer " + token);
        return MetadataUtils.newAttachHeadersInterceptor(headers);
    }
}
