package io.rootscope.backend.etl.parse;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.rootscope.backend.json.Json;
import java.io.CharConversionException;
import java.io.IOException;

/**
 * The OTLP/JSON encoding of an {@code ExportMetricsServiceRequest} decoded by protobuf's own JSON mapping
 * ({@link JsonFormat}: lowerCamelCase names, enums as numbers or names, 64-bit integers as strings or numbers), unknown
 * fields ignored as OTLP says. The arrays down to the metrics are streamed and each metric decoded on its own, so that
 * JsonFormat's tree (many times its text) never holds more than one metric: decoded whole, a 39 MB body took more than
 * 512 MB of heap. Jackson's bounds (nesting deeper than 1000, a string over 20 M characters) are kept.
 */
final class OtlpMetricJson {

    private static final String REQUEST_TYPE = "ExportMetricsServiceRequest";
    private static final JsonFormat.Parser JSON_FORMAT = JsonFormat.parser().ignoringUnknownFields();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Reads the value of one field, whose first token is current. */
    private interface FieldReader {
        void read(String field) throws IOException;
    }

    private OtlpMetricJson() {
    }

    /**
     * @throws MalformedPayloadException if the body is not JSON, or not an {@code ExportMetricsServiceRequest}
     */
    static ExportMetricsServiceRequest decode(byte[] json) throws IOException {
        ExportMetricsServiceRequest.Builder request = ExportMetricsServiceRequest.newBuilder();
        try (JsonParser p = Json.MAPPER.createParser(json)) {
            JsonToken first = p.nextToken();
            if (first != JsonToken.START_OBJECT) {
                throw new MalformedPayloadException(first == null ? "empty payload: expected an OTLP/JSON " + REQUEST_TYPE
                        : "payload is not an OTLP/JSON " + REQUEST_TYPE + ": expected a JSON object, found " + first);
            }
            forEachField(p, field -> {
                if (field.equals("resourceMetrics")) {
                    forEachElement(p, field, () -> request.addResourceMetrics(resource(p)));
                } else {
                    p.skipChildren();
                }
            });
            if (p.nextToken() != null) {
                throw new MalformedPayloadException("unexpected content after the " + REQUEST_TYPE + " object at line "
                        + p.currentLocation().getLineNr() + ", column " + p.currentLocation().getColumnNr());
            }
        } catch (JsonProcessingException | CharConversionException e) {
            throw OtlpJsonDecoder.notJson(e);
        }
        return request.build();
    }

    private static ResourceMetrics resource(JsonParser p) throws IOException {
        ResourceMetrics.Builder resource = ResourceMetrics.newBuilder();
        forEachField(p, field -> {
            if (field.equals("scopeMetrics")) {
                forEachElement(p, field, () -> resource.addScopeMetrics(scope(p)));
            } else {
                mergeField(p, field, resource);
            }
        });
        return resource.build();
    }

    private static ScopeMetrics scope(JsonParser p) throws IOException {
        ScopeMetrics.Builder scope = ScopeMetrics.newBuilder();
        forEachField(p, field -> {
            if (field.equals("metrics")) {
                forEachElement(p, field, () -> {
                    Metric.Builder metric = Metric.newBuilder();
                    merge(p.readValueAsTree().toString(), metric);
                    scope.addMetrics(metric);
                });
            } else {
                mergeField(p, field, scope);
            }
        });
        return scope.build();
    }

    /** One field of a resource or scope entry other than its array, decoded into {@code builder}. */
    private static void mergeField(JsonParser p, String field, Message.Builder builder) throws IOException {
        merge(NODES.objectNode().set(field, p.readValueAsTree()).toString(), builder);
    }

    private static void merge(String json, Message.Builder builder) {
        try {
            JSON_FORMAT.merge(json, builder);
        } catch (InvalidProtocolBufferException e) {
            throw new MalformedPayloadException("payload is not an OTLP/JSON " + REQUEST_TYPE + ": " + e.getMessage(), e);
        }
    }

    /** Reads each object of the array at the current token ({@code null}: none) with {@code reader}. */
    private static void forEachElement(JsonParser p, String field, ElementReader reader) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return;
        }
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw new MalformedPayloadException("payload is not an OTLP/JSON " + REQUEST_TYPE + ": " + field + " is not an array");
        }
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (p.currentToken() != JsonToken.START_OBJECT) {
                throw new MalformedPayloadException("payload is not an OTLP/JSON " + REQUEST_TYPE + ": an element of " + field
                        + " is not an object");
            }
            reader.read();
        }
    }

    /** Reads one element, whose START_OBJECT is current. */
    private interface ElementReader {
        void read() throws IOException;
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
