package io.rootscope.backend.etl.parse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import java.util.Base64;

/**
 * A decoded {@code ArrayValue} or {@code KeyValueList} log body in the OTLP/JSON encoding, so that a body stored from
 * protobuf reads as the same body sent as JSON would: e.g. {@code {"values":[{"stringValue":"a"},{"intValue":"1"}]}}.
 */
final class AnyValueJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private AnyValueJson() {
    }

    static String of(ArrayValue array) {
        return values(array).toString();
    }

    static String of(KeyValueList list) {
        return pairs(list).toString();
    }

    private static ObjectNode values(ArrayValue array) {
        ObjectNode node = NODES.objectNode();
        ArrayNode values = node.putArray("values");
        array.getValuesList().forEach(value -> values.add(value(value)));
        return node;
    }

    private static ObjectNode pairs(KeyValueList list) {
        ObjectNode node = NODES.objectNode();
        ArrayNode values = node.putArray("values");
        for (KeyValue pair : list.getValuesList()) {
            values.addObject().put("key", pair.getKey()).set("value", value(pair.getValue()));
        }
        return node;
    }

    /** One AnyValue; 64-bit integers as decimal strings and bytes as base64, as the JSON mapping writes them. */
    private static JsonNode value(AnyValue value) {
        ObjectNode node = NODES.objectNode();
        switch (value.getValueCase()) {
            case STRING_VALUE -> node.put("stringValue", value.getStringValue());
            case BOOL_VALUE -> node.put("boolValue", value.getBoolValue());
            case INT_VALUE -> node.put("intValue", Long.toString(value.getIntValue()));
            case DOUBLE_VALUE -> node.put("doubleValue", value.getDoubleValue());
            case BYTES_VALUE -> node.put("bytesValue", Base64.getEncoder().encodeToString(value.getBytesValue().toByteArray()));
            case ARRAY_VALUE -> node.set("arrayValue", values(value.getArrayValue()));
            case KVLIST_VALUE -> node.set("kvlistValue", pairs(value.getKvlistValue()));
            default -> {
                // An empty AnyValue is the JSON mapping's empty object.
            }
        }
        return node;
    }
}
