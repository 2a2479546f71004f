package io.rootscope.backend.http;

import static io.rootscope.backend.testing.OtlpMessages.id;
import static io.rootscope.backend.testing.OtlpMessages.nanos;
import static io.rootscope.backend.testing.OtlpMessages.resource;
import static io.rootscope.backend.testing.OtlpMessages.span;
import static io.rootscope.backend.testing.OtlpMessages.traces;
import static io.rootscope.backend.testing.OtlpBodies.gzip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import com.google.rpc.Code;
import com.google.rpc.Status;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.trace.v1.Span;
import io.rootscope.backend.config.ConfigKey;
import io.rootscope.backend.json.Json;
import io.rootscope.backend.testing.Rows;
import io.rootscope.backend.testing.TestBackend;
import io.rootscope.backend.testing.TestDatabase;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code /v1/traces} and {@code /v1/logs} with OTLP/protobuf bodies built by the generated classes: a bad record is
 * rejected in {@code partial_success} while the good ones are stored; an undecodable body is a 400, a gzip inflating
 * past the body limit a 413, another content type or encoding a 415: each with a protobuf {@code google.rpc.Status} body,
 * except a body that does not claim to be protobuf, which gets the JSON error shape.
 */
class OtlpProtobufEndpointTest {

    private static final int LIMIT = 256 * 1024;
    private static final String TENANT = "otlp-pb-" + UUID.randomUUID().toString().substring(0, 8);
    private static TestBackend backend;
    private static DataSource db;
    private static long tenantId;

    @BeforeAll
    static void start() throws Exception {
        TestDatabase database = TestDatabase.shared();
        db = database.dataSource();
        tenantId = Long.parseLong(Rows.single(db, "INSERT INTO dim_tenant (code, name) VALUES ('" + TENANT + "', 'PB') RETURNING tenant_id"));
        backend = new TestBackend(database, database.backendConfig(Map.of(ConfigKey.HTTP_MAX_BODY_BYTES.key(), String.valueOf(LIMIT))));
    }

    @AfterAll
    static void stop() {
        if (backend != null) {
            backend.close();
        }
    }

    @Test
    void aBadSpanIsRejectedInPartialSuccessAndTheGoodOnesAreStored() throws Exception {
        Span good = span("GET /a");
        Span bad = span("GET /b").toBuilder().setTraceId(ByteString.EMPTY).build();
        Span alsoGood = span("GET /c");
        HttpResponse<byte[]> answer = post("/v1/traces", RequestBody.PROTOBUF, null, traces("pb-partial", good, bad, alsoGood).toByteArray());
        assertEquals(200, answer.statusCode(), new String(answer.body(), StandardCharsets.UTF_8));
        assertEquals(RequestBody.PROTOBUF, answer.headers().firstValue("Content-Type").orElse(""));
        ExportTraceServiceResponse response = ExportTraceServiceResponse.parseFrom(answer.body());
        assertEquals(1, response.getPartialSuccess().getRejectedSpans());
        assertTrue(response.getPartialSuccess().getErrorMessage().contains("resourceSpans[0].scopeSpans[0].spans[1].traceId: missing"),
                response.getPartialSuccess().getErrorMessage());
        assertEquals(hex(good.getTraceId()) + " GET /a, " + hex(alsoGood.getTraceId()) + " GET /c",
                Rows.single(db, "SELECT string_agg(trace_id || ' ' || operation, ', ' ORDER BY operation) FROM trace_span s "
                        + "JOIN dim_resource r USING (resource_id) WHERE s.tenant_id = " + tenantId + " AND r.urn = 'urn:k8s:svc:pb-partial/carts'"),
                "the good spans, their ids in lower-case hex");
    }

    @Test
    void aFullyAcceptedExportAnswersAnEmptyResponse() throws Exception {
        HttpResponse<byte[]> answer = post("/v1/traces", RequestBody.PROTOBUF, null, traces("pb-full", span("GET /d")).toByteArray());
        assertEquals(200, answer.statusCode());
        assertFalse(ExportTraceServiceResponse.parseFrom(answer.body()).hasPartialSuccess());
    }

    @Test
    void aGzipLogBatchWithABadRecordKeepsTheGoodOnes() throws Exception {
        long now = nanos(Instant.now());
        LogRecord good = LogRecord.newBuilder().setTimeUnixNano(now).setSeverityNumberValue(17)
                .setBody(AnyValue.newBuilder().setStringValue("cart 7 not found")).build();
        LogRecord noBody = LogRecord.newBuilder().setTimeUnixNano(now).build();
        ExportLogsServiceRequest request = ExportLogsServiceRequest.newBuilder().addResourceLogs(ResourceLogs.newBuilder()
                .setResource(resource("pb-logs")).addScopeLogs(ScopeLogs.newBuilder().addLogRecords(noBody).addLogRecords(good))).build();
        HttpResponse<byte[]> answer = post("/v1/logs", RequestBody.PROTOBUF, "gzip", gzip(request.toByteArray()));
        assertEquals(200, answer.statusCode(), new String(answer.body(), StandardCharsets.UTF_8));
        ExportLogsServiceResponse response = ExportLogsServiceResponse.parseFrom(answer.body());
        assertEquals(1, response.getPartialSuccess().getRejectedLogRecords());
        assertTrue(response.getPartialSuccess().getErrorMessage().contains("resourceLogs[0].scopeLogs[0].logRecords[0].body: missing"),
                response.getPartialSuccess().getErrorMessage());
        assertEquals("1 true", Rows.single(db, "SELECT count(*) || ' ' || bool_and(e.error) FROM log_event e JOIN dim_resource r USING (resource_id) "
                + "WHERE e.tenant_id = " + tenantId + " AND r.urn = 'urn:k8s:svc:pb-logs/carts'"));
    }

    @Test
    void aJsonExportWithABadSpanAnswersPartialSuccessInJson() throws Exception {
        long now = nanos(Instant.now());
        String json = """
                {"resourceSpans": [{"resource": {"attributes": [{"key": "service.name", "value": {"stringValue": "carts"}}]},
                 "scopeSpans": [{"spans": [
                  {"traceId": "%s", "spanId": "%s", "name": "GET /e", "startTimeUnixNano": "%d", "endTimeUnixNano": "%d"},
                  {"traceId": "", "spanId": "%s", "name": "GET /f", "startTimeUnixNano": "%d", "endTimeUnixNano": "%d"}]}]}]}"""
                .formatted(id(16), id(8), now, now + 1000, id(8), now, now + 1000);
        HttpResponse<byte[]> answer = post("/v1/traces", "application/json", null, json.getBytes(StandardCharsets.UTF_8));
        assertEquals(200, answer.statusCode());
        JsonNode body = Json.MAPPER.readTree(answer.body());
        assertEquals(1, body.path("accepted").asLong());
        assertEquals("1", body.path("partialSuccess").path("rejectedSpans").asText());
        assertTrue(body.path("partialSuccess").path("errorMessage").asText().contains("spans[1].traceId: missing"), body.toString());
    }

    @Test
    void aTruncatedBodyIs400NamingTheProblem() throws Exception {
        byte[] whole = traces("pb-truncated", span("GET /g")).toByteArray();
        HttpResponse<byte[]> answer = post("/v1/traces", RequestBody.PROTOBUF, null, Arrays.copyOf(whole, whole.length - 5));
        assertEquals(400, answer.statusCode());
        Status error = status(answer, Code.INVALID_ARGUMENT);
        assertTrue(error.getMessage().startsWith("body: payload is not an OTLP/protobuf ExportTraceServiceRequest: "), error.getMessage());
        assertTrue(error.getMessage().contains("truncated") || error.getMessage().contains("ended unexpectedly"), error.getMessage());
    }

    @Test
    void aBatchWithNothingGoodIs400NamingTheField() throws Exception {
        Span bad = span("GET /h").toBuilder().setEndTimeUnixNano(1).build();
        HttpResponse<byte[]> answer = post("/v1/traces", RequestBody.PROTOBUF, null, traces("pb-bad", bad).toByteArray());
        assertEquals(400, answer.statusCode());
        String message = status(answer, Code.INVALID_ARGUMENT).getMessage();
        assertTrue(message.startsWith("resourceSpans[0].scopeSpans[0].spans[0].endTimeUnixNano: "), message);
    }

    @Test
    void aGzipInflatingPastTheLimitIs413() throws Exception {
        byte[] bomb = gzip(new byte[LIMIT * 8]);
        assertTrue(bomb.length < LIMIT / 50, "a small body: " + bomb.length);
        for (String path : List.of("/v1/traces", "/v1/logs")) {
            HttpResponse<byte[]> answer = post(path, RequestBody.PROTOBUF, "gzip", bomb);
            assertEquals(413, answer.statusCode(), path);
            assertTrue(status(answer, Code.RESOURCE_EXHAUSTED).getMessage().contains("ROOTSCOPE_HTTP_MAX_BODY_BYTES"), path);
        }
    }

    @Test
    void aBodyThatIsNotGzipAsDeclaredIs400() throws Exception {
        HttpResponse<byte[]> answer = post("/v1/traces", RequestBody.PROTOBUF, "gzip", traces("pb-notgzip", span("GET /i")).toByteArray());
        assertEquals(400, answer.statusCode());
        assertTrue(status(answer, Code.INVALID_ARGUMENT).getMessage().contains("not gzip"));
    }

    @Test
    void anotherContentTypeOrEncodingIs415() throws Exception {
        byte[] body = traces("pb-415", span("GET /j")).toByteArray();
        HttpResponse<byte[]> type = post("/v1/traces", "application/grpc", null, body);
        assertEquals(415, type.statusCode());
        JsonNode error = Json.MAPPER.readTree(type.body());
        assertEquals("Content-Type", error.path("field").asText());
        assertTrue(error.path("error").asText().contains("application/x-protobuf or application/json"), error.toString());
        HttpResponse<byte[]> encoding = post("/v1/logs", RequestBody.PROTOBUF, "br", body);
        assertEquals(415, encoding.statusCode());
        assertTrue(status(encoding, Code.INVALID_ARGUMENT).getMessage().contains("Content-Encoding must be gzip"));
    }

    /** The protobuf {@code google.rpc.Status} body of an error answer to a protobuf export (OTLP/HTTP "Failures"). */
    static Status status(HttpResponse<byte[]> answer, Code code) throws IOException {
        assertEquals(RequestBody.PROTOBUF, answer.headers().firstValue("Content-Type").orElse(""), "a protobuf error body");
        Status status = Status.parseFrom(answer.body());
        assertEquals(code.getNumber(), status.getCode(), status.toString());
        return status;
    }

    private static String hex(ByteString id) {
        return HexFormat.of().formatHex(id.toByteArray());
    }

    private static HttpResponse<byte[]> post(String path, String contentType, String encoding, byte[] body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(backend.url() + path)).header("Content-Type", contentType)
                .header(TenantResolver.HEADER, TENANT).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (encoding != null) {
            request.header("Content-Encoding", encoding);
        }
        // A client per request: a refused body (413, 415) ends its connection, which a pooled client would reuse.
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
