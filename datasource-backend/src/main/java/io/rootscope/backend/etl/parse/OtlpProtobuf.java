package io.rootscope.backend.etl.parse;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Parser;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.rootscope.backend.refusal.StorableValues;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Reading of the OTLP/protobuf encoding into the records the OTLP/JSON reading ({@link OtlpJson}) yields, with the
 * same rejects: the message is decoded by the generated classes of {@code opentelemetry-proto}; this class adapts
 * it (ids as lower-case hex, the service from the resource) and validates it, a record at a time, under the paths
 * the JSON mapping gives its fields (e.g. {@code resourceSpans[0].scopeSpans[0].spans[3].traceId}).
 */
final class OtlpProtobuf {

    /** Reads one record at {@code path}; returns null after adding a reject. */
    interface RecordReader<M, T> {
        T read(M record, String path, List<ParseReject> rejects);
    }

    /**
     * The generated parser of an export request and the accessors of its nesting: resource entries, their scope entries,
     * their records.
     */
    record Nesting<Q, E, S, M>(Parser<Q> parser, Function<Q, List<E>> resources, Function<E, Resource> resource,
                               Function<E, List<S>> scopes, Function<S, List<M>> records) {
    }

    private static final HexFormat HEX = HexFormat.of();

    private OtlpProtobuf() {
    }

    /**
     * The records of a request decoded whole from the body (bounded by the HTTP layer), as {@link #readRequest} reads them.
     *
     * @throws MalformedPayloadException if the body is not a {@code shape.requestType()} in protobuf
     * @throws IOException               if reading the stream fails (a body over the limit among others)
     */
    static <Q, E, S, M, T, R> ParseResult<R> read(InputStream body, OtlpJson.RequestShape shape, Nesting<Q, E, S, M> nesting,
                                                  RecordReader<M, T> reader, BiFunction<T, ServiceRef, R> withService) throws IOException {
        return readRequest(decode(body, nesting.parser(), shape.requestType()), shape, nesting, reader, withService);
    }

    /**
     * The request decoded whole from the body (bounded by the HTTP layer).
     *
     * @throws MalformedPayloadException if the body is not a {@code requestType} in protobuf
     * @throws IOException               if reading the stream fails (a body over the limit among others)
     */
    static <Q> Q decode(InputStream body, Parser<Q> parser, String requestType) throws IOException {
        // Read first, decoded after: a failure to read stays what it is instead of becoming a decoding error.
        byte[] bytes = body.readAllBytes();
        try {
            return parser.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new MalformedPayloadException("payload is not an OTLP/protobuf " + requestType + ": " + e.getMessage(), e);
        }
    }

    /**
     * The records of a decoded request: each completed by {@code withService} with its resource's service, all of a
     * resource rejected (one reject saying how many) when its service attributes are bad, as in {@link OtlpJson}.
     */
    private static <Q, E, S, M, T, R> ParseResult<R> readRequest(Q request, OtlpJson.RequestShape shape, Nesting<Q, E, S, M> nesting,
                                                         RecordReader<M, T> reader, BiFunction<T, ServiceRef, R> withService) {
        List<R> records = new ArrayList<>();
        List<ParseReject> rejects = new ArrayList<>();
        List<E> resources = nesting.resources().apply(request);
        for (int r = 0; r < resources.size(); r++) {
            String resourcePath = OtlpJson.elementPath(shape.resourcesField(), r);
            List<T> pending = new ArrayList<>();
            List<S> scopes = nesting.scopes().apply(resources.get(r));
            for (int s = 0; s < scopes.size(); s++) {
                String recordsPath = OtlpJson.elementPath(resourcePath + "." + shape.scopesField(), s) + "." + shape.recordsField();
                List<M> scopeRecords = nesting.records().apply(scopes.get(s));
                for (int i = 0; i < scopeRecords.size(); i++) {
                    T record = reader.read(scopeRecords.get(i), OtlpJson.elementPath(recordsPath, i), rejects);
                    if (record != null) {
                        pending.add(record);
                    }
                }
            }
            ServiceRef service;
            try {
                service = OtlpJson.service(stringAttributes(nesting.resource().apply(resources.get(r)).getAttributesList(),
                        OtlpJson.SERVICE_ATTRIBUTES));
            } catch (FieldProblem e) {
                ParseReject problem = e.reject(resourcePath + ".resource.attributes");
                rejects.add(new ParseReject(problem.location(), problem.problem()
                        + " (" + pending.size() + " " + shape.recordsField() + " rejected)"));
                continue;
            }
            for (T fields : pending) {
                records.add(withService.apply(fields, service));
            }
        }
        return new ParseResult<>(records, rejects);
    }

    /** The string values of the wanted keys; a wanted key whose value is not a storable string is a problem. */
    static Map<String, String> stringAttributes(List<KeyValue> attributes, Set<String> wanted) throws FieldProblem {
        Map<String, String> found = new HashMap<>();
        for (KeyValue attribute : attributes) {
            if (wanted.contains(attribute.getKey())) {
                if (!attribute.getValue().hasStringValue()) {
                    throw new FieldProblem("[" + attribute.getKey() + "]", "not a stringValue");
                }
                found.put(attribute.getKey(), storable(attribute.getValue().getStringValue(), "[" + attribute.getKey() + "]"));
            }
        }
        return found;
    }

    /** {@code text}, unless PostgreSQL cannot store it (see {@link OtlpJson#storableText}). */
    static String storable(String text, String subPath) throws FieldProblem {
        if (!StorableValues.isStorable(text)) {
            throw new FieldProblem(subPath, StorableValues.NUL_PROBLEM);
        }
        return text;
    }

    /** A {@code fixed64} time in Unix nanoseconds; beyond 2262 (the signed 64-bit range) it is out of range. */
    static long unixNano(long fixed64) throws FieldProblem {
        if (fixed64 < 0) {
            throw new FieldProblem("out of range: " + Long.toUnsignedString(fixed64));
        }
        return fixed64;
    }

    /** A trace or span id of {@code hexDigits} as lower-case hex, as the JSON mapping writes it; null when empty. */
    static String id(ByteString bytes, int hexDigits) throws FieldProblem {
        if (bytes.isEmpty()) {
            return null;
        }
        if (bytes.size() * 2 != hexDigits) {
            throw new FieldProblem("not " + hexDigits / 2 + " bytes: " + bytes.size());
        }
        return OtlpJson.hexId(HEX.formatHex(bytes.toByteArray()), hexDigits);
    }
}
