package io.rootscope.backend.testing;

import static io.rootscope.backend.testing.OtlpMessages.nanos;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;

/**
 * OTLP/JSON request bodies of a known size: {@code count} calls from one service to another (each a client span and
 * its server child, in traces of their own), or {@code count} log records of one service, all at one time.
 */
public final class OtlpBodies {

    private static final AtomicLong IDS = new AtomicLong();

    private OtlpBodies() {
    }

    /** {@code count} calls {@code caller} → {@code callee} of 20 ms starting at {@code at}, in namespace {@code namespace}. */
    public static byte[] calls(String namespace, String caller, String callee, Instant at, int count) {
        long start = nanos(at);
        StringBuilder parents = new StringBuilder();
        StringBuilder children = new StringBuilder();
        for (int i = 0; i < count; i++) {
            long id = IDS.incrementAndGet();
            String trace = "%032x".formatted(id);
            String parent = "%016x".formatted(2 * id);
            String span = """
                    {"traceId": "%s", "spanId": "%s", %s"name": "GET /", "kind": %d, "startTimeUnixNano": "%d", "endTimeUnixNano": "%d"}""";
            parents.append(i == 0 ? "" : ",").append(span.formatted(trace, parent, "", 3, start, start + 20_000_000L));
            children.append(i == 0 ? "" : ",").append(span.formatted(trace, "%016x".formatted(2 * id + 1),
                    "\"parentSpanId\": \"" + parent + "\", ", 2, start, start + 20_000_000L));
        }
        return ("{\"resourceSpans\": [{\"resource\": " + resource(namespace, caller) + ", \"scopeSpans\": [{\"spans\": [" + parents + "]}]},"
                + "{\"resource\": " + resource(namespace, callee) + ", \"scopeSpans\": [{\"spans\": [" + children + "]}]}]}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** {@code count} ERROR records "cart N not found" of {@code service} at {@code at} (one log pattern). */
    public static byte[] logs(String namespace, String service, Instant at, int count) {
        StringBuilder records = new StringBuilder();
        for (int i = 0; i < count; i++) {
            records.append(i == 0 ? "" : ",").append("""
                    {"timeUnixNano": "%d", "severityNumber": 17, "severityText": "ERROR", "body": {"stringValue": "cart %d not found"}}"""
                    .formatted(nanos(at), IDS.incrementAndGet()));
        }
        return ("{\"resourceLogs\": [{\"resource\": " + resource(namespace, service) + ", \"scopeLogs\": [{\"logRecords\": ["
                + records + "]}]}]}").getBytes(StandardCharsets.UTF_8);
    }

    private static String resource(String namespace, String service) {
        return """
                {"attributes": [{"key": "service.name", "value": {"stringValue": "%s"}}, {"key": "service.namespace", "value": {"stringValue": "%s"}}]}"""
                .formatted(service, namespace);
    }

    /** A body as a client sends it with {@code Content-Encoding: gzip}. */
    public static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        }
        return out.toByteArray();
    }
}
