package io.rootscope.backend.etl.parse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The labels of a pushed series made from OTLP attributes, as the specification "Prometheus and OpenMetrics
 * Compatibility" and the Collector's {@code resource_to_telemetry_conversion} make them: every resource attribute and
 * every data point attribute (the point's winning over the resource's of the same key) under its name with invalid
 * characters replaced ({@code k8s.pod.name} → {@code k8s_pod_name}; keys that become the same name have their values
 * joined by {@code ;} in the order of the keys); {@code job} from {@code service.namespace/service.name} and
 * {@code instance} from {@code service.instance.id}. Non-string values are written as the attribute specification
 * says (JSON for arrays and maps); empty values are left out, as Prometheus does. Stateless.
 */
final class PrometheusLabels {

    private static final String SERVICE_NAME = "service.name";
    private static final String SERVICE_NAMESPACE = "service.namespace";
    private static final String SERVICE_INSTANCE = "service.instance.id";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private PrometheusLabels() {
    }

    /** The attributes as strings by key; a value PostgreSQL cannot store is a problem at {@code [key]}. */
    static Map<String, String> values(List<KeyValue> attributes) throws FieldProblem {
        Map<String, String> values = new HashMap<>();
        for (KeyValue attribute : attributes) {
            OtlpFields.storable(attribute.getKey(), "[" + attribute.getKey() + "]");
            values.put(attribute.getKey(), OtlpFields.storable(text(attribute.getValue()), "[" + attribute.getKey() + "]"));
        }
        return values;
    }

    /** The labels of a data point with {@code point}'s attributes under a resource with {@code resource}'s. */
    static Map<String, String> of(Map<String, String> resource, Map<String, String> point) {
        // By original key, so that values of keys that become one name are joined in the specification's order.
        Map<String, String> byKey = new TreeMap<>(resource);
        byKey.putAll(point);
        Map<String, String> labels = new HashMap<>();
        byKey.forEach((key, value) -> {
            String name = PrometheusNames.labelName(key);
            if (!name.isEmpty() && !value.isEmpty()) {
                labels.merge(name, value, (first, next) -> first + ";" + next);
            }
        });
        String service = resource.getOrDefault(SERVICE_NAME, "");
        if (!service.isEmpty()) {
            String namespace = resource.getOrDefault(SERVICE_NAMESPACE, "");
            labels.put("job", namespace.isEmpty() ? service : namespace + "/" + service);
        }
        String instance = resource.getOrDefault(SERVICE_INSTANCE, "");
        if (!instance.isEmpty()) {
            labels.put("instance", instance);
        }
        return labels;
    }

    /** An attribute value as a label value. */
    private static String text(AnyValue value) {
        return switch (value.getValueCase()) {
            case STRING_VALUE -> value.getStringValue();
            case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
            case INT_VALUE -> Long.toString(value.getIntValue());
            case DOUBLE_VALUE -> PrometheusNames.number(value.getDoubleValue());
            case BYTES_VALUE -> Base64.getEncoder().encodeToString(value.getBytesValue().toByteArray());
            case ARRAY_VALUE, KVLIST_VALUE -> json(value).toString();
            default -> "";
        };
    }

    /** A value as plain JSON: {@code ["a",1]}, {@code {"k":true}}. */
    private static JsonNode json(AnyValue value) {
        return switch (value.getValueCase()) {
            case STRING_VALUE -> NODES.textNode(value.getStringValue());
            case BOOL_VALUE -> NODES.booleanNode(value.getBoolValue());
            case INT_VALUE -> NODES.numberNode(value.getIntValue());
            case DOUBLE_VALUE -> NODES.numberNode(value.getDoubleValue());
            case BYTES_VALUE -> NODES.textNode(Base64.getEncoder().encodeToString(value.getBytesValue().toByteArray()));
            case ARRAY_VALUE -> {
                ArrayNode array = NODES.arrayNode();
                value.getArrayValue().getValuesList().forEach(element -> array.add(json(element)));
                yield array;
            }
            case KVLIST_VALUE -> {
                ObjectNode object = NODES.objectNode();
                value.getKvlistValue().getValuesList().forEach(pair -> object.set(pair.getKey(), json(pair.getValue())));
                yield object;
            }
            default -> NODES.nullNode();
        };
    }
}
