package io.rootscope.backend.etl.parse;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.rootscope.backend.json.JsonProblems;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Decoding of the OTLP/JSON encoding (OTLP specification, "JSON Protobuf Encoding") into the generated messages, by
 * protobuf's own JSON mapping ({@link JsonFormat}, which takes lowerCamelCase names, enums as numbers or names, 64-bit
 * integers as strings or numbers, {@code null} as the default) with what OTLP changes in it: trace and span ids are hex,
 * not base64, and unknown fields are ignored.
 *
 * <p>The request's arrays are streamed down to the records, and each record (and resource and scope) is decoded on its
 * own, so that one that does not decode is left out at its path — its first field that does not decode — and the others
 * are kept. Memory stays proportional to the body, which the HTTP layer bounds. Metrics are only ever decoded so
 * ({@link #decodeAllOrNothing}): JsonFormat's tree is many times its text, and decoded whole, a 39 MB metrics body took
 * more than 512 MB of heap; streamed, the tree never holds more than one metric.
 */
final class OtlpJsonDecoder {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final JsonFormat.Parser FORMAT = JsonFormat.parser().ignoringUnknownFields();
    private static final Map<String, Integer> ID_HEX_DIGITS = Map.of("traceId", OtlpFields.TRACE_ID_HEX_DIGITS,
            "spanId", OtlpFields.SPAN_ID_HEX_DIGITS, "parentSpanId", OtlpFields.SPAN_ID_HEX_DIGITS);
    /** The one repeated message of a record with ids of its own: a span's links. */
    private static final String LINKS = "links";
    private static final String RESOURCE = "resource";

    /** Reads the value of one field, whose first token is current. */
    private interface FieldReader {
        void read(String field) throws IOException;
    }

    private final List<String> containers;
    private final DecodeRejects rejects;

    private OtlpJsonDecoder(OtlpShape<?, ?, ?, ?> shape, DecodeRejects rejects) {
        this.containers = shape.containerFields();
        this.rejects = rejects;
    }

    /** The 400 of a body Jackson cannot read: not JSON, beyond its bounds, or in no Unicode encoding. */
    static MalformedPayloadException notJson(IOException e) {
        if (e instanceof StreamReadException read) {
            return new MalformedPayloadException("payload is not valid JSON at line " + read.getLocation().getLineNr()
                    + ", column " + read.getLocation().getColumnNr() + ": " + JsonProblems.unreadable(read), e);
        }
        if (e instanceof JsonProcessingException beyond) {
            // Beyond Jackson's StreamReadConstraints: nesting deeper than 1000, a string over 20 M characters.
            return new MalformedPayloadException("payload is not readable JSON: " + JsonProblems.unreadable(beyond), e);
        }
        return new MalformedPayloadException("payload is not JSON text in UTF-8, UTF-16 or UTF-32", e);
    }

    /**
     * @throws MalformedPayloadException if the payload is not JSON or not a JSON object
     * @throws IOException               if reading the stream fails
     */
    static <Q extends Message> DecodedRequest<Q> decode(InputStream json, OtlpShape<Q, ?, ?, ?> shape) throws IOException {
        // Read first, decoded after: the body's arrival rate is the client's, whatever decoding costs (it is bounded upstream).
        byte[] body = json.readAllBytes();
        try {
            DecodedRequest<Q> whole = decodeWhole(body, shape);
            return whole != null ? whole : new OtlpJsonDecoder(shape, new DecodeRejects()).decodeRecordByRecord(body, shape);
        } catch (JsonProcessingException | CharConversionException e) {
            throw notJson(e);
        }
    }

    /**
     * The request decoded record by record, failing whole at its first problem (an OTLP metrics request, whose mapping
     * rejects data points, not undecodable JSON).
     *
     * @throws MalformedPayloadException if the payload is not JSON, not a JSON object, or any part of it does not decode
     * @throws IOException               if reading the stream fails
     */
    static <Q extends Message> Q decodeAllOrNothing(InputStream json, OtlpShape<Q, ?, ?, ?> shape) throws IOException {
        byte[] body = json.readAllBytes();
        try {
            return new OtlpJsonDecoder(shape, DecodeRejects.failing(shape.requestType())).decodeRecordByRecord(body, shape).request();
        } catch (JsonProcessingException | CharConversionException e) {
            throw notJson(e);
        }
    }

    /**
     * The request decoded in one go, the common case: its text copied with base64 ids, then decoded whole. Null when an id
     * is not hex or the copy does not decode, so that each record is decoded on its own to say which.
     *
     * @throws MalformedPayloadException if the payload is not a JSON object
     */
    private static <Q extends Message> DecodedRequest<Q> decodeWhole(byte[] body, OtlpShape<Q, ?, ?, ?> shape) throws IOException {
        StringWriter copy = new StringWriter(body.length);
        try (JsonParser p = MAPPER.createParser(body); JsonGenerator out = MAPPER.createGenerator(copy)) {
            JsonToken first = startObject(p, shape);
            boolean hexIds = true;
            int depth = 0;
            JsonToken token = first;
            do {
                Integer digits = token == JsonToken.VALUE_STRING ? ID_HEX_DIGITS.get(p.currentName()) : null;
                if (digits == null) {
                    out.copyCurrentEvent(p);
                } else {
                    try {
                        out.writeString(Base64.getEncoder().encodeToString(OtlpFields.hexIdBytes(p.getText(), digits)));
                    } catch (FieldProblem e) {
                        hexIds = false;
                        out.writeNull();
                    }
                }
                depth += token.isStructStart() ? 1 : token.isStructEnd() ? -1 : 0;
                token = depth > 0 ? p.nextToken() : null;
            } while (token != null);
            endOfPayload(p, shape);
            if (!hexIds) {
                return null;
            }
        }
        Message.Builder request = shape.defaultRequest().newBuilderForType();
        try {
            FORMAT.merge(copy.toString(), request);
        } catch (InvalidProtocolBufferException e) {
            return null;
        }
        return new DecodedRequest<>(built(request), new DecodeRejects());
    }

    /** The request with each record decoded on its own: one that does not decode is left out and rejected. */
    private <Q extends Message> DecodedRequest<Q> decodeRecordByRecord(byte[] body, OtlpShape<Q, ?, ?, ?> shape) throws IOException {
        Message.Builder request = shape.defaultRequest().newBuilderForType();
        try (JsonParser p = MAPPER.createParser(body)) {
            startObject(p, shape);
            forEachField(p, field -> {
                if (field.equals(shape.resourcesField())) {
                    readArray(p, request, 0, field, DecodeRejects.REQUEST);
                } else {
                    p.skipChildren();
                }
            });
            endOfPayload(p, shape);
        }
        return new DecodedRequest<>(built(request), rejects);
    }

    /**
     * Reads the payload's first token, its request object's START_OBJECT.
     *
     * @throws MalformedPayloadException if the payload is empty or not a JSON object
     */
    private static JsonToken startObject(JsonParser p, OtlpShape<?, ?, ?, ?> shape) throws IOException {
        JsonToken first = p.nextToken();
        if (first == null) {
            throw new MalformedPayloadException("empty payload: expected an OTLP/JSON " + shape.requestType());
        }
        if (first != JsonToken.START_OBJECT) {
            throw new MalformedPayloadException("payload is not an OTLP/JSON " + shape.requestType()
                    + ": expected a JSON object, found " + first);
        }
        return first;
    }

    /** @throws MalformedPayloadException if anything follows the request object */
    private static void endOfPayload(JsonParser p, OtlpShape<?, ?, ?, ?> shape) throws IOException {
        if (p.nextToken() != null) {
            throw new MalformedPayloadException("unexpected content after the " + shape.requestType() + " object at line "
                    + p.currentLocation().getLineNr() + ", column " + p.currentLocation().getColumnNr());
        }
    }

    @SuppressWarnings("unchecked") // a builder of the request's type builds the request's type
    private static <Q extends Message> Q built(Message.Builder request) {
        return (Q) request.build();
    }

    /**
     * Reads the array at the current token into {@code parent}'s repeated field of nesting {@code level} (0: resource
     * entries, 1: scope entries, 2: records). An element that is not an object is rejected and an empty one stands in
     * its place; {@code null} is an empty array.
     */
    private void readArray(JsonParser p, Message.Builder parent, int level, String path, String entryPath) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return;
        }
        if (p.currentToken() != JsonToken.START_ARRAY) {
            rejects.rejectInEntry(entryPath, new ParseReject(path, "not an array"));
            p.skipChildren();
            return;
        }
        FieldDescriptor field = parent.getDescriptorForType().getFields().stream()
                .filter(f -> f.getJsonName().equals(containers.get(level))).findFirst().orElseThrow();
        boolean records = level == containers.size() - 1;
        int index = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            String elementPath = OtlpFields.elementPath(path, index++);
            String elementEntry = level == 0 ? elementPath : entryPath;
            Message.Builder element = parent.newBuilderForField(field);
            if (p.currentToken() != JsonToken.START_OBJECT) {
                ParseReject notAnObject = new ParseReject(elementPath, "not an object");
                if (records) {
                    rejects.rejectRecord(elementPath, notAnObject);
                } else {
                    rejects.rejectInEntry(elementEntry, notAnObject);
                }
                p.skipChildren();
            } else if (records) {
                readRecord(p, element, elementPath);
            } else {
                readEntry(p, element, level + 1, elementPath, elementEntry);
            }
            parent.addRepeatedField(field, element.build());
        }
    }

    /** Reads a resource or scope entry: its array of the next level streamed, its other fields decoded one by one. */
    private void readEntry(JsonParser p, Message.Builder entry, int level, String path, String entryPath) throws IOException {
        forEachField(p, field -> {
            if (field.equals(containers.get(level))) {
                readArray(p, entry, level, path + "." + field, entryPath);
                return;
            }
            ObjectNode single = NODES.objectNode().set(field, p.readValueAsTree());
            try {
                FORMAT.merge(single.toString(), entry);
            } catch (InvalidProtocolBufferException e) {
                ParseReject reject = new ParseReject(path + "." + field, problem(e));
                // Without its resource, an entry's records have no service: they are rejected with it.
                if (level == 1 && field.equals(RESOURCE)) {
                    rejects.rejectResource(path, reject);
                } else {
                    rejects.rejectInEntry(entryPath, reject);
                }
            }
        });
    }

    /** Decodes the record at the current token into {@code record}, or leaves it empty and rejects it at its first bad field. */
    private void readRecord(JsonParser p, Message.Builder record, String path) throws IOException {
        JsonNode tree = p.readValueAsTree();
        ObjectNode fields = (ObjectNode) tree;
        try {
            hexIdsToBase64(fields, "");
            JsonNode links = fields.get(LINKS);
            if (links != null && links.isArray()) {
                for (int i = 0; i < links.size(); i++) {
                    if (links.get(i).isObject()) {
                        hexIdsToBase64((ObjectNode) links.get(i), "." + OtlpFields.elementPath(LINKS, i));
                    }
                }
            }
        } catch (FieldProblem e) {
            rejects.rejectRecord(path, e.reject(path));
            return;
        }
        try {
            FORMAT.merge(fields.toString(), record);
        } catch (InvalidProtocolBufferException e) {
            record.clear();
            rejects.rejectRecord(path, firstBadField(fields, record, path));
        }
    }

    /** The OTLP JSON mapping's hex ids of an object, replaced by protobuf's JSON mapping of bytes (base64). */
    private static void hexIdsToBase64(ObjectNode object, String subPath) throws FieldProblem {
        for (Map.Entry<String, Integer> id : ID_HEX_DIGITS.entrySet()) {
            JsonNode value = object.get(id.getKey());
            if (value != null && value.isTextual()) {
                try {
                    object.put(id.getKey(), Base64.getEncoder().encodeToString(OtlpFields.hexIdBytes(value.textValue(), id.getValue())));
                } catch (FieldProblem e) {
                    throw e.under(subPath + "." + id.getKey());
                }
            }
        }
    }

    /** The reject of a record that did not decode, at the first of its fields that does not decode alone. */
    private static ParseReject firstBadField(ObjectNode fields, Message.Builder record, String path) {
        for (Iterator<Map.Entry<String, JsonNode>> it = fields.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            try {
                FORMAT.merge(NODES.objectNode().set(field.getKey(), field.getValue()).toString(), record.clone().clear());
            } catch (InvalidProtocolBufferException e) {
                return new ParseReject(path + "." + field.getKey(), problem(e));
            }
        }
        return new ParseReject(path, "not an OTLP/JSON " + record.getDescriptorForType().getName());
    }

    /** JsonFormat's message, which names the value and what it should be (e.g. {@code Not an uint64 value: true}). */
    private static String problem(InvalidProtocolBufferException e) {
        return e.getMessage();
    }

    /** Calls the reader with each field name of the object whose START_OBJECT is current. */
    private static void forEachField(JsonParser p, FieldReader reader) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            reader.read(field);
        }
    }
}
