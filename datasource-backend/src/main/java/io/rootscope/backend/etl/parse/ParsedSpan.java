package io.rootscope.backend.etl.parse;

import java.util.Optional;

/**
 * One span of an OTLP trace.
 *
 * @param traceId      32 lower-case hex digits
 * @param spanId       16 lower-case hex digits
 * @param parentSpanId 16 lower-case hex digits, or null for a root span
 * @param error        whether the status code is ERROR (2)
 * @param peerService  the {@code peer.service} attribute (the uninstrumented service a client called), or null
 */
public record ParsedSpan(String traceId, String spanId, String parentSpanId, ServiceRef service, String name,
                         SpanKind kind, long startUnixNano, long endUnixNano, boolean error, String peerService) {

    public long durationNanos() {
        return endUnixNano - startUnixNano;
    }

    /**
     * The service a CLIENT or PRODUCER span names as the one it called ({@code peer.service}), in the span's namespace;
     * empty for other kinds, without the attribute, or when it names the span's own service.
     */
    public Optional<ServiceRef> peer() {
        if ((kind != SpanKind.CLIENT && kind != SpanKind.PRODUCER) || peerService == null) {
            return Optional.empty();
        }
        ServiceRef peer = new ServiceRef(peerService, service.namespace());
        return peer.equals(service) ? Optional.empty() : Optional.of(peer);
    }
}
