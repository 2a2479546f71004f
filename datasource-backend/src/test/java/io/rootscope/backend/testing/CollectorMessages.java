package io.rootscope.backend.testing;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Message values as the OpenTelemetry Collector's {@code kafka} exporter writes them with its default encoding
 * {@code otlp_proto}: each one {@code ExportLogsServiceRequest} or {@code ExportTraceServiceRequest}, built with the
 * OpenTelemetry protobuf classes.
 */
public final class CollectorMessages {

    private static final AtomicLong IDS = new AtomicLong(System.nanoTime());

    private CollectorMessages() {
    }

    /** {@code count} INFO records "order N shipped" of {@code service}, one log template. */
    public static byte[] logs(String namespace, String service, Instant at, int count) {
        ScopeLogs.Builder scope = ScopeLogs.newBuilder();
        for (int i = 0; i < count; i++) {
            scope.addLogRecords(LogRecord.newBuilder().setTimeUnixNano(nanos(at) + i).setSeverityNumber(SeverityNumber.SEVERITY_NUMBER_INFO)
                    .setSeverityText("INFO").setBody(AnyValue.newBuilder().setStringValue("order " + IDS.incrementAndGet() + " shipped")));
        }
        return ExportLogsServiceRequest.newBuilder().addResourceLogs(ResourceLogs.newBuilder()
                .setResource(resource(namespace, service)).addScopeLogs(scope)).build().toByteArray();
    }

    /** {@code count} calls {@code caller} → {@code callee} of 20 ms: a client span and its server child each. */
    public static byte[] calls(String namespace, String caller, String callee, Instant at, int count) {
        ScopeSpans.Builder clients = ScopeSpans.newBuilder();
        ScopeSpans.Builder servers = ScopeSpans.newBuilder();
        long start = nanos(at);
        for (int i = 0; i < count; i++) {
            long id = IDS.incrementAndGet();
            ByteString trace = ByteString.copyFrom(ByteBuffer.allocate(16).putLong(id).putLong(id).array());
            ByteString parent = ByteString.copyFrom(ByteBuffer.allocate(8).putLong(2 * id).array());
            clients.addSpans(Span.newBuilder().setTraceId(trace).setSpanId(parent).setName("GET /").setKind(Span.SpanKind.SPAN_KIND_CLIENT)
                    .setStartTimeUnixNano(start).setEndTimeUnixNano(start + 20_000_000L));
            servers.addSpans(Span.newBuilder().setTraceId(trace).setSpanId(ByteString.copyFrom(ByteBuffer.allocate(8).putLong(2 * id + 1).array()))
                    .setParentSpanId(parent).setName("GET /").setKind(Span.SpanKind.SPAN_KIND_SERVER)
                    .setStartTimeUnixNano(start).setEndTimeUnixNano(start + 20_000_000L));
        }
        return ExportTraceServiceRequest.newBuilder()
                .addResourceSpans(ResourceSpans.newBuilder().setResource(resource(namespace, caller)).addScopeSpans(clients))
                .addResourceSpans(ResourceSpans.newBuilder().setResource(resource(namespace, callee)).addScopeSpans(servers))
                .build().toByteArray();
    }

    private static Resource resource(String namespace, String service) {
        return Resource.newBuilder()
                .addAttributes(KeyValue.newBuilder().setKey("service.name").setValue(AnyValue.newBuilder().setStringValue(service)))
                .addAttributes(KeyValue.newBuilder().setKey("service.namespace").setValue(AnyValue.newBuilder().setStringValue(namespace)))
                .build();
    }

    private static long nanos(Instant at) {
        return at.getEpochSecond() * 1_000_000_000L + at.getNano();
    }
}
