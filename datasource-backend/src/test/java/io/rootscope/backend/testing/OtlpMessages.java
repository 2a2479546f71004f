package io.rootscope.backend.testing;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** OTLP messages built by the generated classes, for the protobuf endpoints and the gRPC services: service {@code carts}. */
public final class OtlpMessages {

    private static final AtomicLong IDS = new AtomicLong(System.nanoTime());

    private OtlpMessages() {
    }

    public static ExportTraceServiceRequest traces(String namespace, Span... spans) {
        return ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder().setResource(resource(namespace))
                .addScopeSpans(ScopeSpans.newBuilder().addAllSpans(List.of(spans)))).build();
    }

    /** A SERVER span of 5 ms starting now, with fresh ids. */
    public static Span span(String name) {
        long start = nanos(Instant.now());
        return Span.newBuilder().setTraceId(ByteString.copyFrom(HexFormat.of().parseHex(id(16))))
                .setSpanId(ByteString.copyFrom(HexFormat.of().parseHex(id(8)))).setName(name).setKind(Span.SpanKind.SPAN_KIND_SERVER)
                .setStartTimeUnixNano(start).setEndTimeUnixNano(start + 5_000_000L).build();
    }

    /** The resource of service {@code carts} in {@code namespace}. */
    public static Resource resource(String namespace) {
        return Resource.newBuilder()
                .addAttributes(KeyValue.newBuilder().setKey("service.name").setValue(AnyValue.newBuilder().setStringValue("carts")))
                .addAttributes(KeyValue.newBuilder().setKey("service.namespace").setValue(AnyValue.newBuilder().setStringValue(namespace)))
                .build();
    }

    /** A fresh id of {@code bytes}, upper-case hex digits included so that lower-casing shows. */
    public static String id(int bytes) {
        return ("%0" + bytes * 2 + "X").formatted(IDS.incrementAndGet()).substring(0, bytes * 2).replace('0', 'A');
    }

    public static long nanos(Instant at) {
        return at.getEpochSecond() * 1_000_000_000L + at.getNano();
    }
}
