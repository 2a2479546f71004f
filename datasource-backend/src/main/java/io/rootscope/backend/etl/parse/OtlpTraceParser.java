package io.rootscope.backend.etl.parse;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Set;

/**
 * Parses an OTLP {@code ExportTraceServiceRequest} (resourceSpans → scopeSpans → spans) into {@link ParsedSpan}s:
 * OTLP/JSON streaming, in time O(payload size) and memory O(spans kept); OTLP/protobuf decoded whole by the generated
 * classes, then adapted span by span with the same checks, rejects and paths.
 *
 * <p>A span is rejected, at the path of its first bad field, when an id is not hex of the right length, a
 * time is missing or not a number, the end precedes the start, or its kind or status is not an OTLP value;
 * the other spans of the request are kept. The service comes from the resource's {@code service.name}
 * attribute. Stateless and thread-safe.
 */
public final class OtlpTraceParser {

    private static final String SPAN_KIND_PREFIX = "SPAN_KIND_";
    private static final List<String> SPAN_KIND_NAMES =
            List.of("UNSPECIFIED", "INTERNAL", "SERVER", "CLIENT", "PRODUCER", "CONSUMER");
    private static final String STATUS_CODE_PREFIX = "STATUS_CODE_";
    private static final List<String> STATUS_CODE_NAMES = List.of("UNSET", "OK", "ERROR");
    private static final int STATUS_CODE_ERROR = 2;
    private static final String PEER_SERVICE = "peer.service";
    private static final Set<String> SPAN_ATTRIBUTES = Set.of(PEER_SERVICE);
    private static final OtlpProtobuf.Nesting<ExportTraceServiceRequest, ResourceSpans, ScopeSpans, Span> PROTOBUF_NESTING =
            new OtlpProtobuf.Nesting<>(ExportTraceServiceRequest.parser(), ExportTraceServiceRequest::getResourceSpansList,
                    ResourceSpans::getResource, ResourceSpans::getScopeSpansList, ScopeSpans::getSpansList);

    /**
     * @throws MalformedPayloadException if the payload is not JSON or not a JSON object
     * @throws IOException               if reading the stream fails
     */
    public ParseResult<ParsedSpan> parse(InputStream json) throws IOException {
        return OtlpJson.readRequest(json, OtlpJson.TRACES, OtlpTraceParser::readSpan, SpanFields::withService);
    }

    /**
     * The request in the given encoding.
     *
     * @throws MalformedPayloadException if the payload cannot be decoded as an {@code ExportTraceServiceRequest} at all
     * @throws IOException               if reading the stream fails
     */
    public ParseResult<ParsedSpan> parse(InputStream body, OtlpEncoding encoding) throws IOException {
        return encoding == OtlpEncoding.PROTOBUF
                ? OtlpProtobuf.read(body, OtlpJson.TRACES, PROTOBUF_NESTING, OtlpTraceParser::readSpan, SpanFields::withService)
                : parse(body);
    }

    /** A request already decoded (OTLP/gRPC), read as a protobuf body is. */
    public ParseResult<ParsedSpan> parse(ExportTraceServiceRequest request) {
        return OtlpProtobuf.readRequest(request, OtlpJson.TRACES, PROTOBUF_NESTING, OtlpTraceParser::readSpan, SpanFields::withService);
    }

    /** The fields of a span read before its resource's service is known (it may follow the spans). */
    private record SpanFields(String traceId, String spanId, String parentSpanId, String name, SpanKind kind,
                              long start, long end, boolean error, String peerService) {

        ParsedSpan withService(ServiceRef service) {
            return new ParsedSpan(traceId, spanId, parentSpanId, service, name, kind, start, end, error,
                    peerService);
        }
    }

    /** One span, or null after adding a reject naming its first bad field. */
    private static SpanFields readSpan(JsonParser p, String arrayPath, int index, List<ParseReject> rejects)
            throws IOException {
        String traceId = null;
        String spanId = null;
        String parentSpanId = null;
        String name = "";
        SpanKind kind = SpanKind.UNSPECIFIED;
        long start = 0;
        long end = 0;
        boolean error = false;
        String peerService = null;
        ParseReject problem = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            try {
                switch (field) {
                    case "traceId" -> traceId = OtlpJson.traceId(p);
                    case "spanId" -> spanId = OtlpJson.spanId(p);
                    case "parentSpanId" -> parentSpanId = OtlpJson.spanId(p);
                    case "name" -> name = OtlpJson.string(p);
                    case "kind" -> kind = spanKind(p);
                    case "startTimeUnixNano" -> start = OtlpJson.unixNano(p);
                    case "endTimeUnixNano" -> end = OtlpJson.unixNano(p);
                    case "status" -> error = isError(p);
                    case "attributes" -> peerService = OtlpJson.stringAttributes(p, SPAN_ATTRIBUTES).get(PEER_SERVICE);
                    default -> p.skipChildren();
                }
            } catch (FieldProblem e) {
                p.skipChildren();
                if (problem == null) {
                    problem = e.reject(OtlpJson.elementPath(arrayPath, index) + "." + field);
                }
            }
        }
        if (problem == null) {
            problem = missingField(OtlpJson.elementPath(arrayPath, index), traceId, spanId, start, end);
        }
        if (problem != null) {
            rejects.add(problem);
            return null;
        }
        return new SpanFields(traceId, spanId, parentSpanId, name == null ? "" : name, kind, start, end, error,
                peerService);
    }

    /** One decoded span at {@code path}, or null after adding a reject naming its first bad field. */
    private static SpanFields readSpan(Span span, String path, List<ParseReject> rejects) {
        String field = "traceId";
        try {
            String traceId = OtlpProtobuf.id(span.getTraceId(), OtlpJson.TRACE_ID_HEX_DIGITS);
            field = "spanId";
            String spanId = OtlpProtobuf.id(span.getSpanId(), OtlpJson.SPAN_ID_HEX_DIGITS);
            field = "parentSpanId";
            String parentSpanId = OtlpProtobuf.id(span.getParentSpanId(), OtlpJson.SPAN_ID_HEX_DIGITS);
            field = "name";
            String name = OtlpProtobuf.storable(span.getName(), "");
            field = "kind";
            SpanKind kind = spanKind(span.getKindValue());
            field = "startTimeUnixNano";
            long start = OtlpProtobuf.unixNano(span.getStartTimeUnixNano());
            field = "endTimeUnixNano";
            long end = OtlpProtobuf.unixNano(span.getEndTimeUnixNano());
            field = "status";
            boolean error = isError(span.getStatus().getCodeValue());
            field = "attributes";
            String peerService = OtlpProtobuf.stringAttributes(span.getAttributesList(), SPAN_ATTRIBUTES).get(PEER_SERVICE);
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

    private static SpanKind spanKind(JsonParser p) throws FieldProblem, IOException {
        return spanKind(OtlpJson.enumNumber(p, SPAN_KIND_PREFIX, SPAN_KIND_NAMES));
    }

    private static SpanKind spanKind(int number) throws FieldProblem {
        if (number < 0 || number >= SPAN_KIND_NAMES.size()) {
            throw new FieldProblem("not a span kind: " + number);
        }
        return SpanKind.values()[number];
    }

    /** Whether a {@code status} object has code ERROR. */
    private static boolean isError(JsonParser p) throws FieldProblem, IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return false;
        }
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw new FieldProblem("not an object");
        }
        int code = 0;
        FieldProblem problem = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            if (field.equals("code")) {
                try {
                    code = OtlpJson.enumNumber(p, STATUS_CODE_PREFIX, STATUS_CODE_NAMES);
                } catch (FieldProblem e) {
                    p.skipChildren();
                    problem = e.under(".code");
                }
            } else {
                p.skipChildren();
            }
        }
        if (problem != null) {
            throw problem;
        }
        return isError(code);
    }

    /** Whether a status code is ERROR; a number that is no status code is a problem at {@code .code}. */
    private static boolean isError(int code) throws FieldProblem {
        if (code < 0 || code >= STATUS_CODE_NAMES.size()) {
            throw new FieldProblem(".code", "not a status code: " + code);
        }
        return code == STATUS_CODE_ERROR;
    }
}
