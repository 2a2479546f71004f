package io.rootscope.backend.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.rpc.Code;
import com.google.rpc.RetryInfo;
import com.google.rpc.Status;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.StatusRuntimeException;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import io.opentelemetry.proto.trace.v1.Span;
import io.rootscope.backend.Backend;
import io.rootscope.backend.config.BackendConfig;
import io.rootscope.backend.json.Json;
import io.rootscope.backend.testing.EndpointBodies;
import io.rootscope.backend.testing.EndpointBodies.Endpoint;
import io.rootscope.backend.testing.OtlpMessages;
import io.rootscope.backend.testing.RawHttp;
import io.rootscope.backend.testing.TestDatabase;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bounds one client can put on the whole backend process ({@link Backend}, every endpoint): bodies over
 * the limit refused while they stream in or by their declared length, declared content types, idle and slow
 * connections cut off, requests with a body bounded so that {@code /health} always has a thread.
 */
class RequestLimitsTest {

    /** A time within the lateness horizon, as long as the fixed one it replaced (the bodies' sizes are the point). */
    private static final String RECENT = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.SECONDS).toString();

    private static final int LIMIT = 64 * 1024;
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private static TestDatabase database;
    private static Backend runtime;
    private static int port;

    @BeforeAll
    static void start() {
        database = TestDatabase.createMigrated();
        BackendConfig config = BackendConfig.load(Map.of(
                "ROOTSCOPE_JDBC_URL", database.settings("x", "x").jdbcUrl(), "ROOTSCOPE_HTTP_PORT", "0", "ROOTSCOPE_OTLP_GRPC_PORT", "0",
                "ROOTSCOPE_HTTP_MAX_BODY_BYTES", String.valueOf(LIMIT), "ROOTSCOPE_HTTP_IDLE_TIMEOUT_SECONDS", "2",
                "ROOTSCOPE_HTTP_MIN_DATA_RATE", "100", "ROOTSCOPE_HTTP_MAX_BODY_REQUESTS", "2",
                "ROOTSCOPE_HTTP_MAX_BODY_BYTES_IN_FLIGHT", String.valueOf(LIMIT + LIMIT / 2)));
        runtime = Backend.start(config
                .withEtlTiming(Duration.ofSeconds(2), Duration.ZERO, Duration.ofMinutes(1), Duration.ofMillis(300)));
        port = URI.create(runtime.url()).getPort();
    }

    @AfterAll
    static void stop() {
        if (runtime != null) {
            runtime.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void aStreamedBodyOverTheLimitIs413OnEveryEndpointAndTheServerStaysHealthy() throws Exception {
        for (Endpoint endpoint : EndpointBodies.ALL) {
            RawHttp.Answer answer = RawHttp.post(port, endpoint.path(), endpoint.contentType(), endpoint.body(), 16L * LIMIT, true, 0, TIMEOUT);
            assertEquals(413, answer.status(), endpoint.path() + ": " + answer.text());
            JsonNode error = Json.MAPPER.readTree(answer.body());
            assertEquals(413, error.get("status").asInt(), endpoint.path());
            assertTrue(error.get("error").asText().contains(String.valueOf(LIMIT)), "the limit in the message: " + error);
            assertEquals("body", error.get("field").asText());
        }
        assertEquals(200, get("/health").statusCode());
    }

    @Test
    void aDeclaredContentLengthOverTheLimitIs413BeforeAByteIsRead() throws Exception {
        for (Endpoint endpoint : EndpointBodies.ALL) {
            // No body follows: an answer other than 413 would have to wait for it (until the idle timeout, then 408).
            try (Socket socket = RawHttp.connect(port, TIMEOUT)) {
                socket.getOutputStream().write(RawHttp.head("POST", endpoint.path(), port, endpoint.contentType(), 200L * 1024 * 1024)
                        .getBytes(StandardCharsets.US_ASCII));
                RawHttp.Answer answer = RawHttp.read(socket);
                assertEquals(413, answer.status(), endpoint.path() + ": " + answer.text());
                assertTrue(answer.body().contains(String.valueOf(LIMIT)), answer.body());
            }
        }
        assertEquals(200, get("/health").statusCode());
    }

    @Test
    void aBodyWithinTheLimitIsStillTaken() throws Exception {
        HttpResponse<String> keys = post("/tag-keys", "application/json; charset=UTF-8", "{}");
        assertEquals(200, keys.statusCode(), keys.body());
        String lines = (RECENT + " carts cart 42 not found\n").repeat(LIMIT / 50);
        HttpResponse<String> text = post("/v1/logs/text", "text/plain; charset=utf-8", lines);
        assertEquals(200, text.statusCode(), text.body());
    }

    @Test
    void everyPostEndpointRequiresItsDeclaredContentType() throws Exception {
        for (Endpoint endpoint : EndpointBodies.ALL) {
            List<String> wrong = new ArrayList<>(List.of("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"));
            if (endpoint.contentType().equals("text/plain")) {
                wrong = new ArrayList<>(List.of("application/json", "application/x-www-form-urlencoded"));
            }
            wrong.add(null);
            for (String type : wrong) {
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(runtime.url() + endpoint.path()))
                        .POST(HttpRequest.BodyPublishers.ofString("{}"));
                if (type != null) {
                    request.header("Content-Type", type);
                }
                HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(415, response.statusCode(), endpoint.path() + " as " + type + ": " + response.body());
                JsonNode error = Json.MAPPER.readTree(response.body());
                assertTrue(error.get("error").asText().contains(endpoint.contentType()), "names the expected type: " + error);
                assertEquals("Content-Type", error.get("field").asText());
            }
        }
    }

    @Test
    void noCorsHeadersUnlessOriginsAreConfigured() throws Exception {
        HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(URI.create(runtime.url() + "/"))
                .header("Origin", "http://evil.example").build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(response.headers().firstValue("Access-Control-Allow-Origin").isEmpty(), response.headers().toString());
        HttpResponse<String> preflight = CLIENT.send(HttpRequest.newBuilder(URI.create(runtime.url() + "/alerts/grafana"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", "http://evil.example")
                .header("Access-Control-Request-Method", "POST").header("Access-Control-Request-Headers", "content-type").build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(preflight.headers().firstValue("Access-Control-Allow-Origin").isEmpty(), preflight.headers().toString());
    }

    @Test
    void aConnectionThatSendsNothingIsClosedAfterTheIdleTimeout() throws Exception {
        try (Socket silent = RawHttp.connect(port, TIMEOUT)) {
            // The socket timeout (20 s) is far above the configured idle timeout (2 s): an end of stream, not a read
            // timeout, shows the server closed it.
            assertEquals(-1, silent.getInputStream().read());
        }
    }

    @Test
    void aBodyArrivingUnderTheMinimumRateIsCutOffWith408() throws Exception {
        try (Socket slow = RawHttp.connect(port, TIMEOUT)) {
            OutputStream out = slow.getOutputStream();
            out.write(RawHttp.head("POST", "/v1/logs/text", port, "text/plain", 1000).getBytes(StandardCharsets.US_ASCII));
            out.write('2');
            out.flush();
            // Under the idle timeout (2 s), but 2 bytes in 1.5 s is under the minimum rate of 100 B/s.
            Thread.sleep(1500);
            out.write('0');
            out.flush();
            RawHttp.Answer answer = RawHttp.read(slow);
            assertEquals(408, answer.status(), answer.text());
            assertTrue(answer.body().contains("under 100 B/s") && answer.body().contains("\"field\":\"body\""), answer.body());
        }
        assertEquals(200, get("/health").statusCode());
    }

    @Test
    void requestsWithABodyBeyondTheBoundAre503WhileHealthStillAnswers() throws Exception {
        List<Socket> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                Socket socket = RawHttp.connect(port, TIMEOUT);
                stalled.add(socket);
                socket.getOutputStream().write((RawHttp.head("POST", "/v1/logs", port, "application/json", 1000) + "{")
                        .getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
            }
            Thread.sleep(300);
            HttpResponse<String> refused = post("/query", "application/json", "{\"targets\":[]}");
            assertEquals(503, refused.statusCode(), refused.body());
            assertTrue(refused.headers().firstValue("Retry-After").isPresent(), refused.headers().toString());
            assertTrue(refused.body().contains("ROOTSCOPE_HTTP_MAX_BODY_REQUESTS"), refused.body());
            // An OTLP/protobuf export gets the same refusal as a google.rpc.Status: retry after the pause.
            HttpResponse<byte[]> export = CLIENT.send(HttpRequest.newBuilder(URI.create(runtime.url() + "/v1/traces"))
                    .header("Content-Type", RequestBody.PROTOBUF).POST(HttpRequest.BodyPublishers.ofByteArray(
                            OtlpMessages.traces("limits", OtlpMessages.span("GET /")).toByteArray())).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(503, export.statusCode());
            assertEquals(String.valueOf(BodyRequestGate.RETRY_AFTER_SECONDS), export.headers().firstValue("Retry-After").orElse("none"));
            Status status = OtlpProtobufEndpointTest.status(export, Code.UNAVAILABLE);
            assertTrue(status.getMessage().contains("ROOTSCOPE_HTTP_MAX_BODY_REQUESTS"), status.getMessage());
            assertEquals(BodyRequestGate.RETRY_AFTER_SECONDS, status.getDetails(0).unpack(RetryInfo.class).getRetryDelay().getSeconds());
            assertEquals(200, get("/health").statusCode());
        } finally {
            for (Socket socket : stalled) {
                socket.close();
            }
        }
        // The stalled bodies end with their connections; the bound frees up again.
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        int status;
        do {
            Thread.sleep(100);
            status = post("/query", "application/json", "{\"targets\":[]}").statusCode();
        } while (status == 503 && System.nanoTime() < deadline);
        assertEquals(200, status);
    }

    @Test
    void bodyBytesBeyondTheInFlightBudgetAre503WhileHealthStillAnswers() throws Exception {
        // The budget is 1.5 bodies of the largest size: one upload stalled at 40 KiB leaves room for 56 KiB more.
        try (Socket stalled = RawHttp.connect(port, TIMEOUT)) {
            OutputStream out = stalled.getOutputStream();
            out.write(RawHttp.head("POST", "/v1/logs/text", port, "text/plain", LIMIT).getBytes(StandardCharsets.US_ASCII));
            out.write((RECENT + " carts cart 42 not found\n").repeat(40 * 1024 / 45).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread.sleep(300);
            HttpResponse<String> refused = post("/v1/logs/text", "text/plain", (RECENT + " carts cart 42 not found\n").repeat(60 * 1024 / 45));
            assertEquals(503, refused.statusCode(), refused.body());
            assertTrue(refused.headers().firstValue("Retry-After").isPresent(), refused.headers().toString());
            assertTrue(refused.body().contains("ROOTSCOPE_HTTP_MAX_BODY_BYTES_IN_FLIGHT"), refused.body());
            assertEquals(200, get("/health").statusCode());
        }
        // The stalled body ends with its connection and gives its bytes back.
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        int status;
        do {
            Thread.sleep(100);
            status = post("/v1/logs/text", "text/plain", (RECENT + " carts cart 42 not found\n").repeat(60 * 1024 / 45)).statusCode();
        } while (status == 503 && System.nanoTime() < deadline);
        assertEquals(200, status);
    }

    @Test
    void anHttpBodyAndAGrpcExportShareOneByteBudget() throws Exception {
        ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", runtime.otlpGrpcPort().orElseThrow()).usePlaintext().build();
        // 60 KiB of spans: alone within the byte budget (1.5 bodies of the largest size), not beside a 40 KiB body.
        List<Span> spans = new ArrayList<>();
        ExportTraceServiceRequest export = OtlpMessages.traces("shared-budget");
        while (export.getSerializedSize() < 60 * 1024) {
            spans.add(OtlpMessages.span("GET /" + "x".repeat(60)));
            export = OtlpMessages.traces("shared-budget", spans.toArray(Span[]::new));
        }
        TraceServiceGrpc.TraceServiceBlockingStub traces = TraceServiceGrpc.newBlockingStub(channel);
        try {
            // Connected first: a stalled body is cut off after the idle timeout (2 s), less than a first call may take.
            traces.withDeadlineAfter(TIMEOUT.toSeconds(), TimeUnit.SECONDS).export(OtlpMessages.traces("shared-budget", OtlpMessages.span("GET /")));
            try (Socket stalled = RawHttp.connect(port, TIMEOUT)) {
                OutputStream out = stalled.getOutputStream();
                out.write(RawHttp.head("POST", "/v1/logs/text", port, "text/plain", LIMIT).getBytes(StandardCharsets.US_ASCII));
                out.write((RECENT + " carts cart 42 not found\n").repeat(40 * 1024 / 45).getBytes(StandardCharsets.US_ASCII));
                out.flush();
                // Read in before the export arrives: an export admitted first would get the HTTP body refused instead.
                Thread.sleep(500);
                ExportTraceServiceRequest large = export;
                StatusRuntimeException bytes = assertThrows(StatusRuntimeException.class,
                        () -> traces.withDeadlineAfter(TIMEOUT.toSeconds(), TimeUnit.SECONDS).export(large));
                assertEquals(io.grpc.Status.Code.RESOURCE_EXHAUSTED, bytes.getStatus().getCode(), bytes.getStatus().toString());
                assertTrue(bytes.getStatus().getDescription().contains("ROOTSCOPE_HTTP_MAX_BODY_BYTES_IN_FLIGHT"), bytes.getStatus().toString());
            }
            // The HTTP body ends with its connection and gives its bytes back: the same export is taken.
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (true) {
                try {
                    traces.withDeadlineAfter(TIMEOUT.toSeconds(), TimeUnit.SECONDS).export(export);
                    break;
                } catch (StatusRuntimeException e) {
                    assertEquals(io.grpc.Status.Code.RESOURCE_EXHAUSTED, e.getStatus().getCode(), e.getStatus().toString());
                    assertTrue(System.nanoTime() < deadline, "the budget comes back once the body ends: " + e.getStatus());
                    Thread.sleep(100);
                }
            }
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void aLargeReplayRunsInTheBackgroundAndReportsEveryWindow() throws Exception {
        // 2 s windows: 30 of them ending well behind what the scheduler has reached.
        long to = (System.currentTimeMillis() / 2000) * 2000 - 10_000;
        String range = "\"from\":\"" + java.time.Instant.ofEpochMilli(to - 60_000) + "\",\"to\":\"" + java.time.Instant.ofEpochMilli(to) + "\"";
        HttpResponse<String> accepted = awaitPastFrontier("{\"job\":\"trace_calls_5m\",\"tenant\":\"default\"," + range + "}");
        assertEquals(202, accepted.statusCode(), accepted.body());
        JsonNode job = Json.MAPPER.readTree(accepted.body());
        assertEquals(30, job.get("windows").asInt());
        String statusUrl = job.get("status").asText();
        assertEquals(statusUrl, accepted.headers().firstValue("Location").orElse(""));

        JsonNode progress;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        do {
            Thread.sleep(200);
            progress = Json.MAPPER.readTree(get(statusUrl).body());
        } while (!progress.get("state").asText().equals("DONE") && !progress.get("state").asText().equals("FAILED")
                && System.nanoTime() < deadline);
        assertEquals("DONE", progress.get("state").asText(), progress.toString());
        assertEquals(30, progress.get("done").asInt());
        assertEquals(30, progress.get("runs").size());
        progress.get("runs").forEach(run -> assertEquals("SUCCEEDED", run.get("status").asText(), run.toString()));

        String small = "\"from\":\"" + java.time.Instant.ofEpochMilli(to - 8_000) + "\",\"to\":\"" + java.time.Instant.ofEpochMilli(to) + "\"";
        HttpResponse<String> synchronous = post("/etl/replay", "application/json", "{\"job\":\"trace_calls_5m\",\"tenant\":\"default\"," + small + "}");
        assertEquals(200, synchronous.statusCode(), synchronous.body());
        assertEquals(4, Json.MAPPER.readTree(synchronous.body()).get("windows").asInt());

        HttpResponse<String> unknown = get("/etl/replay/" + java.util.UUID.randomUUID());
        assertEquals(404, unknown.statusCode(), unknown.body());
        HttpResponse<String> malformed = get("/etl/replay/nope");
        assertEquals(400, malformed.statusCode(), malformed.body());
        assertTrue(malformed.body().contains("\"field\":\"id\""), malformed.body());
        HttpResponse<String> invalid = post("/etl/replay", "application/json", "{\"job\":\"trace_calls_5m\",\"tenant\":\"default\"}");
        assertEquals(400, invalid.statusCode(), invalid.body());
        assertTrue(invalid.body().contains("\"field\":\"from\""), invalid.body());
    }

    @Test
    void replaysBeyondTheActiveBoundAre429AndTheAcceptedOnesFinish() throws Exception {
        long to = (System.currentTimeMillis() / 2000) * 2000 - 10_000;
        List<String> statusUrls = new ArrayList<>();
        HttpResponse<String> third = null;
        for (int i = 0; i < 3; i++) {
            // 300 windows each (long enough to be running when the third arrives), over three ranges so that no two
            // replays wait for the same window.
            long end = to - i * 600_000L;
            String body = "{\"job\":\"log_patterns_5m\",\"tenant\":\"default\",\"from\":\"" + java.time.Instant.ofEpochMilli(end - 600_000)
                    + "\",\"to\":\"" + java.time.Instant.ofEpochMilli(end) + "\"}";
            HttpResponse<String> response = i == 0 ? awaitPastFrontier(body) : post("/etl/replay", "application/json", body);
            if (i < 2) {
                assertEquals(202, response.statusCode(), response.body());
                statusUrls.add(Json.MAPPER.readTree(response.body()).get("status").asText());
            } else {
                third = response;
            }
        }
        assertEquals(429, third.statusCode(), third.body());
        assertTrue(third.headers().firstValue("Retry-After").isPresent(), third.headers().toString());
        for (String statusUrl : statusUrls) {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            JsonNode progress;
            do {
                Thread.sleep(200);
                progress = Json.MAPPER.readTree(get(statusUrl).body());
            } while (!progress.get("state").asText().equals("DONE") && System.nanoTime() < deadline);
            assertEquals("DONE", progress.get("state").asText(), progress.toString());
            assertEquals(300, progress.get("done").asInt());
        }
    }

    /** Right after start the scheduler may not have reached the range yet: it refuses with 400 until it has. */
    private static HttpResponse<String> awaitPastFrontier(String body) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        HttpResponse<String> response;
        do {
            response = post("/etl/replay", "application/json", body);
            if (response.statusCode() != 400) {
                return response;
            }
            Thread.sleep(300);
        } while (System.nanoTime() < deadline);
        return response;
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(runtime.url() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, String contentType, String body) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(runtime.url() + path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
