package io.rootscope.backend.etl.parse;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rootscope.backend.json.JsonProblems;
import io.rootscope.backend.refusal.StorableValues;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Locale;
import java.util.function.BiFunction;

/**
 * Streaming reading of the OTLP/JSON encoding (OTLP specification, "JSON Protobuf Encoding"): lowerCamelCase
 * field names, trace and span ids as hex strings, 64-bit integers as decimal strings or numbers, enums as
 * numbers (their names are accepted too), {@code null} meaning the field's default. The request is streamed
 * so that memory stays proportional to the records kept, not to the JSON text; small nested values
 * (only array and key-value-list log bodies) are read as trees.
 */
final class OtlpJson {

    /** The nesting of an export request: resource entries hold scope entries, which hold the records. */
    record RequestShape(String requestType, String resourcesField, String scopesField, String recordsField) {
    }

    static final RequestShape TRACES =
            new RequestShape("ExportTraceServiceRequest", "resourceSpans", "scopeSpans", "spans");
    static final RequestShape LOGS =
            new RequestShape("ExportLogsServiceRequest", "resourceLogs", "scopeLogs", "logRecords");

    /**
     * Reads one record whose START_OBJECT is current; returns null after adding a reject. The record's path,
     * {@code arrayPath[index]}, is only built for a reject: most records have none.
     */
    interface RecordReader<T> {
        T read(JsonParser p, String arrayPath, int index, List<ParseReject> rejects) throws IOException;
    }

    /** Reads one element of an array whose current token is the element's START_OBJECT. */
    interface ElementReader {
        void read(JsonParser p, int index) throws IOException;
    }

    /** Reads the value of one field, whose first token is current. */
    interface FieldReader {
        void read(String field) throws IOException;
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();
    static final int TRACE_ID_HEX_DIGITS = 32;
    static final int SPAN_ID_HEX_DIGITS = 16;
    static final Set<String> SERVICE_ATTRIBUTES =
            Set.of("service.name", "service.namespace", "k8s.namespace.name");

    private OtlpJson() {
    }

    /**
     * Reads an export request of the given shape. Records read before their resource's service is known
     * (JSON fields are unordered, so the resource may follow them) wait in their resource entry and are
     * completed by {@code withService} at its end.
     *
     * @throws MalformedPayloadException if the payload is not JSON or not a JSON object
     */
    static <T, R> ParseResult<R> readRequest(InputStream json, RequestShape shape, RecordReader<T> recordReader,
                                             BiFunction<T, ServiceRef, R> withService) throws IOException {
        List<R> records = new ArrayList<>();
        List<ParseReject> rejects = new ArrayList<>();
        try (JsonParser p = MAPPER.createParser(json)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new MalformedPayloadException("empty payload: expected an OTLP/JSON " + shape.requestType());
            }
            if (first != JsonToken.START_OBJECT) {
                throw new MalformedPayloadException("payload is not an OTLP/JSON " + shape.requestType()
                        + ": expected a JSON object, found " + first);
            }
            forEachField(p, field -> {
                if (field.equals(shape.resourcesField())) {
                    forEachObject(p, field, rejects, (parser, index) -> readResource(parser,
                            field + "[" + index + "]", shape, recordReader, withService, records, rejects));
                } else {
                    p.skipChildren();
                }
            });
            if (p.nextToken() != null) {
                throw new MalformedPayloadException("unexpected content after the " + shape.requestType()
                        + " object at " + location(p));
            }
        } catch (JsonProcessingException | CharConversionException e) {
            throw notJson(e);
        }
        return new ParseResult<>(records, rejects);
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

    private static <T, R> void readResource(JsonParser p, String path, RequestShape shape,
                                            RecordReader<T> recordReader, BiFunction<T, ServiceRef, R> withService,
                                            List<R> records, List<ParseReject> rejects) throws IOException {
        List<T> pending = new ArrayList<>();
        ServiceRef[] service = {ServiceRef.UNKNOWN};
        ParseReject[] resourceProblem = {null};
        forEachField(p, field -> {
            if (field.equals("resource")) {
                try {
                    service[0] = readService(p);
                } catch (FieldProblem e) {
                    p.skipChildren();
                    resourceProblem[0] = e.reject(path + ".resource");
                }
            } else if (field.equals(shape.scopesField())) {
                String scopesPath = path + "." + field;
                forEachObject(p, scopesPath, rejects, (parser, scope) -> readScope(parser,
                        scopesPath + "[" + scope + "]", shape, recordReader, pending, rejects));
            } else {
                p.skipChildren();
            }
        });
        if (resourceProblem[0] != null) {
            rejects.add(new ParseReject(resourceProblem[0].location(), resourceProblem[0].problem()
                    + " (" + pending.size() + " " + shape.recordsField() + " rejected)"));
            return;
        }
        for (T fields : pending) {
            records.add(withService.apply(fields, service[0]));
        }
    }

    private static <T> void readScope(JsonParser p, String path, RequestShape shape, RecordReader<T> recordReader,
                                      List<T> pending, List<ParseReject> rejects) throws IOException {
        forEachField(p, field -> {
            if (field.equals(shape.recordsField())) {
                String recordsPath = path + "." + field;
                forEachObject(p, recordsPath, rejects, (parser, index) -> {
                    T record = recordReader.read(parser, recordsPath, index, rejects);
                    if (record != null) {
                        pending.add(record);
                    }
                });
            } else {
                p.skipChildren();
            }
        });
    }

    /** Calls the reader with each field name of the object whose START_OBJECT is current. */
    static void forEachField(JsonParser p, FieldReader reader) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            reader.read(field);
        }
    }

    /**
     * Calls the reader for each object element of the array at the current token. A value that is not an
     * array, or an element that is not an object, is rejected at its path and skipped; {@code null} is an
     * empty array.
     */
    static void forEachObject(JsonParser p, String path, List<ParseReject> rejects, ElementReader reader)
            throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return;
        }
        if (p.currentToken() != JsonToken.START_ARRAY) {
            rejects.add(new ParseReject(path, "not an array"));
            p.skipChildren();
            return;
        }
        int index = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (p.currentToken() == JsonToken.START_OBJECT) {
                reader.read(p, index);
            } else {
                rejects.add(new ParseReject(path + "[" + index + "]", "not an object"));
                p.skipChildren();
            }
            index++;
        }
    }

    /** The path of element {@code index} of the array at {@code arrayPath}. */
    static String elementPath(String arrayPath, int index) {
        return arrayPath + "[" + index + "]";
    }

    /**
     * The service of a {@code resource} object at the current token: its {@code service.name} attribute
     * ({@link ServiceRef#UNKNOWN} when absent, as OTel SDKs default) and namespace.
     */
    static ServiceRef readService(JsonParser p) throws IOException, FieldProblem {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return ServiceRef.UNKNOWN;
        }
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw new FieldProblem("not an object");
        }
        Map<String, String> attributes = Map.of();
        FieldProblem problem = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            if (field.equals("attributes")) {
                try {
                    attributes = stringAttributes(p, SERVICE_ATTRIBUTES);
                } catch (FieldProblem e) {
                    p.skipChildren();
                    problem = e.under(".attributes");
                }
            } else {
                p.skipChildren();
            }
        }
        if (problem != null) {
            throw problem;
        }
        return service(attributes);
    }

    /**
     * The service a resource's {@link #SERVICE_ATTRIBUTES} name: {@link ServiceRef#UNKNOWN} without a
     * {@code service.name}, in {@code service.namespace}, else {@code k8s.namespace.name}.
     */
    static ServiceRef service(Map<String, String> attributes) {
        String name = attributes.get("service.name");
        if (name == null || name.isBlank()) {
            return ServiceRef.UNKNOWN;
        }
        String namespace = attributes.get("service.namespace");
        return new ServiceRef(name, namespace != null ? namespace : attributes.get("k8s.namespace.name"));
    }

    /**
     * The {@code stringValue}s of the wanted keys in the OTLP {@code KeyValue} array at the current token,
     * streamed without building the attributes. A wanted key whose value is not a string is a problem.
     */
    static Map<String, String> stringAttributes(JsonParser p, Set<String> wanted) throws IOException, FieldProblem {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return Map.of();
        }
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw new FieldProblem("not an array");
        }
        Map<String, String> found = new HashMap<>();
        FieldProblem problem = null;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            String key = null;
            String value = null;
            if (p.currentToken() == JsonToken.START_OBJECT) {
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    JsonToken token = p.nextToken();
                    if (field.equals("key") && token == JsonToken.VALUE_STRING) {
                        key = p.getText();
                    } else if (field.equals("value") && token == JsonToken.START_OBJECT) {
                        // Exporters write the key first; a value before its key is kept in case it is wanted.
                        value = key == null || wanted.contains(key) ? stringValue(p) : skip(p);
                    } else {
                        p.skipChildren();
                    }
                }
            } else {
                p.skipChildren();
            }
            if (key != null && wanted.contains(key)) {
                if (value == null && problem == null) {
                    problem = new FieldProblem("[" + key + "]", "not a stringValue");
                }
                if (value != null && !StorableValues.isStorable(value) && problem == null) {
                    problem = new FieldProblem("[" + key + "]", StorableValues.NUL_PROBLEM);
                }
                found.put(key, value);
            }
        }
        if (problem != null) {
            throw problem;
        }
        return found;
    }

    /** The {@code stringValue} of the AnyValue object at the current token, or null; consumes the object. */
    private static String stringValue(JsonParser p) throws IOException {
        String value = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            if (p.nextToken() == JsonToken.VALUE_STRING && field.equals("stringValue")) {
                value = p.getText();
            } else {
                p.skipChildren();
            }
        }
        return value;
    }

    private static String skip(JsonParser p) throws IOException {
        p.skipChildren();
        return null;
    }

    /** A string field value, null for JSON null. */
    static String string(JsonParser p) throws FieldProblem, IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            throw new FieldProblem("not a string");
        }
        return storableText(p);
    }

    /**
     * The text of the current scalar token. PostgreSQL text cannot hold NUL, so a record with one is rejected at the
     * field (rather than stored altered): the client learns which record did not arrive.
     */
    static String storableText(JsonParser p) throws FieldProblem, IOException {
        String text = p.getText();
        if (!StorableValues.isStorable(text)) {
            throw new FieldProblem(StorableValues.NUL_PROBLEM);
        }
        return text;
    }

    /**
     * A {@code fixed64} time in Unix nanoseconds, given as a decimal string or a JSON integer; 0 for null.
     * Times beyond 2262 (the signed 64-bit range) are out of range.
     */
    static long unixNano(JsonParser p) throws FieldProblem, IOException {
        JsonToken token = p.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return 0;
        }
        if (token == JsonToken.VALUE_NUMBER_INT) {
            if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER || p.getLongValue() < 0) {
                throw new FieldProblem("out of range: " + p.getText());
            }
            return p.getLongValue();
        }
        if (token == JsonToken.VALUE_NUMBER_FLOAT) {
            throw new FieldProblem("not an integer: " + p.getText());
        }
        if (token != JsonToken.VALUE_STRING) {
            throw new FieldProblem("not a number");
        }
        String text = p.getText();
        if (text.isEmpty() || !text.chars().allMatch(OtlpJson::isAsciiDigit)) {
            throw new FieldProblem("not a number: '" + text + "'");
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new FieldProblem("out of range: " + text);
        }
    }

    /** An enum given as its number or its name, e.g. {@code 2} or {@code "SPAN_KIND_SERVER"}; 0 for null. */
    static int enumNumber(JsonParser p, String namePrefix, List<String> names) throws FieldProblem, IOException {
        JsonToken token = p.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return 0;
        }
        if (token == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT) {
            return p.getIntValue();
        }
        if (token == JsonToken.VALUE_STRING && p.getText().startsWith(namePrefix)) {
            int number = names.indexOf(p.getText().substring(namePrefix.length()));
            if (number >= 0) {
                return number;
            }
        }
        throw new FieldProblem("not a " + namePrefix + "* value: " + p.getText());
    }

    /** A trace id: 32 hex digits, not all zero, lower-cased. */
    static String traceId(JsonParser p) throws FieldProblem, IOException {
        return hexId(string(p), TRACE_ID_HEX_DIGITS);
    }

    /** A span id: 16 hex digits, not all zero, lower-cased; null for an empty string or null. */
    static String spanId(JsonParser p) throws FieldProblem, IOException {
        return hexId(string(p), SPAN_ID_HEX_DIGITS);
    }

    /** A hex id of a given length, lower-cased; null for null or the empty string, which mean "no id". */
    static String hexId(String text, int digits) throws FieldProblem {
        if (text == null || text.isEmpty()) {
            return null;
        }
        if (text.length() != digits) {
            throw new FieldProblem("not " + digits + " hex digits: '" + text + "'");
        }
        boolean zero = true;
        for (int i = 0; i < digits; i++) {
            char c = text.charAt(i);
            if (!(isAsciiDigit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) {
                throw new FieldProblem("not " + digits + " hex digits: '" + text + "'");
            }
            zero &= c == '0';
        }
        if (zero) {
            throw new FieldProblem("all-zero id is invalid");
        }
        return text.toLowerCase(Locale.ROOT);
    }

    private static boolean isAsciiDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private static String location(JsonParser p) {
        return "line " + p.currentLocation().getLineNr() + ", column " + p.currentLocation().getColumnNr();
    }
}
