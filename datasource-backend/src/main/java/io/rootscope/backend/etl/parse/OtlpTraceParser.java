package io.rootscope.backend.etl.parse;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Set;

/**
 * Parses an OTLP {@code ExportTraceServiceRequest} (resourceSpans → scopeSpans → spans) into {@link ParsedSpan}s: both
 * encodings are decoded into the generated messages ({@link OtlpProtobuf}, {@link OtlpJsonDecoder}), which one mapping
 * turns into spans; gRPC and Kafka hand the decoded message to {@link #parse(ExportTraceServiceRequest)}.
 *
 * <p>A span is rejected, at the path of its first bad field, when an id is not hex of the right length, a
 * time is missing or not a number, the end precedes the start, or its kind or status is not an OTLP value;
 * the other spans of the request are kept. The service comes from the resource's {@code service.name}
 * attribute. Stateless and thread-safe.
 */
public final class OtlpTraceParser {

    private static final String PEER_SERVICE = "peer.service";
    private static final Set<String> SPAN_ATTRIBUTES = Set.of(PEER_SERVICE);
    /** By OTLP number; {@code values()} would copy the array for every span. */
    private static final SpanKind[] SPAN_KINDS = SpanKind.values();
    private static final OtlpShape<ExportTraceServiceRequest, ResourceSpans, ScopeSpans, Span> SHAPE =
            new OtlpShape<>(ExportTraceServiceRequest.getDefaultInstance(), ExportTraceServiceRequest.parser(),
                    "resourceSpans", "scopeSpans", "spans", ExportTraceServiceRequest::getResourceSpansList,
                    ResourceSpans::getResource, ResourceSpans::getScopeSpansList, ScopeSpans::getSpansList);

    /**
     * OTLP/JSON.
     *
     * @throws MalformedPayloadException if the payload is not JSON or not a JSON object
     * @throws IOException               if reading the stream fails
     */
    public ParseResult<ParsedSpan> parse(InputStream json) throws IOException {
        return parse(json, OtlpEncoding.JSON);
    }

    /**
     * The request in the given encoding.
     *
     * @throws MalformedPayloadException if the payload cannot be decoded as an {@code ExportTraceServiceRequest} at all
     * @throws IOException               if reading the stream fails
     */
    public ParseResult<ParsedSpan> parse(InputStream body, OtlpEncoding encoding) throws IOException {
        return map(encoding == OtlpEncoding.PROTOBUF ? OtlpProtobuf.decode(body, SHAPE) : OtlpJsonDecoder.decode(body, SHAPE));
    }

    /** A request decoded already (gRPC, Kafka). */
    public ParseResult<ParsedSpan> parse(ExportTraceServiceRequest request) {
        return map(new DecodedRequest<>(request, new DecodeRejects()));
    }

    private static ParseResult<ParsedSpan> map(DecodedRequest<ExportTraceServiceRequest> decoded) {
        return OtlpRecords.map(decoded, SHAPE, OtlpTraceParser::readSpan, SpanFields::withService);
    }

    /** The fields of a span read before its resource's service is known (it may follow the spans). */
    private record SpanFields(String traceId, String spanId, String parentSpanId, String name, SpanKind kind,
                              long start, long end, boolean error, String peerService) {

        ParsedSpan withService(ServiceRef service) {
            return new ParsedSpan(traceId, spanId, parentSpanId, service, name, kind, start, end, error,
                    peerService);
        }
    }

    /** One decoded span at {@code path}, or null after adding a reject naming its first bad field. */
    private static SpanFields readSpan(Span span, String path, List<ParseReject> rejects) {
        String field = "traceId";
        try {
            String traceId = OtlpFields.id(span.getTraceId(), OtlpFields.TRACE_ID_HEX_DIGITS);
            field = "spanId";
            String spanId = OtlpFields.id(span.getSpanId(), OtlpFields.SPAN_ID_HEX_DIGITS);
            field = "parentSpanId";
            String parentSpanId = OtlpFields.id(span.getParentSpanId(), OtlpFields.SPAN_ID_HEX_DIGITS);
            field = "name";
            String name = OtlpFields.storable(span.getName(), "");
            field = "kind";
            SpanKind kind = spanKind(span.getKindValue());
            field = "startTimeUnixNano";
            long start = OtlpFields.unixNano(span.getStartTimeUnixNano());
            field = "endTimeUnixNano";
            long end = OtlpFields.unixNano(span.getEndTimeUnixNano());
            field = "status";
            boolean error = isError(span.getStatus().getCodeValue());
            field = "attributes";
            String peerService = span.getAttributesCount() == 0 ? null
                    : OtlpFields.stringAttributes(span.getAttributesList(), SPAN_ATTRIBUTES).get(PEER_SERVICE);
            ParseReject missing = missingField(path, traceId, spanId, start, end);
            if (missing != null) {
                rejects.add(missing);
                return null;
            }
            return new SpanFields(traceId, spanId, parentSpanId, name, kind, start, end, error, peerService);
        } catch (FieldProblem e) {
            rejects.add(e.reject(path + "." + field));
            return null;
        }
    }

    /** The first required field of the span at {@code path} that is missing or out of order, or null. */
    private static ParseReject missingField(String path, String traceId, String spanId, long start, long end) {
        if (traceId == null) {
            return new ParseReject(path + ".traceId", "missing");
        }
        if (spanId == null) {
            return new ParseReject(path + ".spanId", "missing");
        }
        if (start == 0) {
            return new ParseReject(path + ".startTimeUnixNano", "missing");
        }
        if (end == 0) {
            return new ParseReject(path + ".endTimeUnixNano", "missing");
        }
        if (end < start) {
            return new ParseReject(path + ".endTimeUnixNano", "before startTimeUnixNano");
        }
        return null;
    }

    private static SpanKind spanKind(int number) throws FieldProblem {
        if (number < 0 || number >= SPAN_KINDS.length) {
            throw new FieldProblem("not a span kind: " + number);
        }
        return SPAN_KINDS[number];
    }

    /** Whether a status code is ERROR; a number that is no status code is a problem at {@code .code}. */
    private static boolean isError(int code) throws FieldProblem {
        if (Status.StatusCode.forNumber(code) == null) {
            throw new FieldProblem(".code", "not a status code: " + code);
        }
        return code == Status.StatusCode.STATUS_CODE_ERROR_VALUE;
    }
}
