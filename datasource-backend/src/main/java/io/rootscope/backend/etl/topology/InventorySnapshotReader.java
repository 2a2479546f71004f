package io.rootscope.backend.etl.topology;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rootscope.backend.etl.write.ObservedResource;
import io.rootscope.backend.graph.GraphRelation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads an inventory / infrastructure-as-code snapshot in this JSON format:
 * <pre>{@code
 * {"resources": [{"urn": "urn:host:node-1", "type": "host", "name": "node-1"}, ...],
 *  "relations": [{"src": "urn:k8s:pod:shop/carts-1", "dst": "urn:host:node-1", "relation": "RUNS_ON",
 *                 "props": {"zone": "a"}}, ...]}
 * }</pre>
 * {@code relation} is one of CALLS, CONNECTS_TO, RUNS_ON; {@code props} is optional; every src and dst must be
 * a listed resource. An inventory is configuration, so any mistake refuses the whole snapshot with an
 * {@link IllegalArgumentException} naming the field, e.g. {@code relations[3].dst}.
 */
public final class InventorySnapshotReader {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> TOP_KEYS = Set.of("resources", "relations");
    private static final Set<String> RESOURCE_KEYS = Set.of("urn", "type", "name");
    private static final Set<String> RELATION_KEYS = Set.of("src", "dst", "relation", "props");

    public TopologySnapshot read(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("inventory is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("inventory must be a JSON object with resources and relations");
        }
        checkKeys(root, "inventory", TOP_KEYS);
        List<ObservedResource> resources = new ArrayList<>();
        JsonNode resourceNodes = array(root, "resources");
        for (int i = 0; i < resourceNodes.size(); i++) {
            String field = "resources[" + i + "]";
            JsonNode node = object(resourceNodes.get(i), field);
            checkKeys(node, field, RESOURCE_KEYS);
            String urn = text(node, field, "urn");
            String type = text(node, field, "type");
            String name = text(node, field, "name");
            try {
                resources.add(new ObservedResource(urn, type, name));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(field + "." + e.getMessage(), e);
            }
        }
        List<TopologyEdge> edges = new ArrayList<>();
        JsonNode relationNodes = array(root, "relations");
        for (int i = 0; i < relationNodes.size(); i++) {
            String field = "relations[" + i + "]";
            JsonNode node = object(relationNodes.get(i), field);
            checkKeys(node, field, RELATION_KEYS);
            String relation = text(node, field, "relation");
            if (Arrays.stream(GraphRelation.values()).noneMatch(r -> r.name().equals(relation))) {
                throw new IllegalArgumentException(field + ".relation: must be one of " + Arrays.toString(GraphRelation.values())
                        + ", got '" + relation + "'");
            }
            JsonNode props = node.path("props");
            if (!props.isMissingNode() && !props.isObject()) {
                throw new IllegalArgumentException(field + ".props: must be an object");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> properties = props.isObject() ? JSON.convertValue(props, Map.class) : Map.of();
            edges.add(new TopologyEdge(text(node, field, "src"), text(node, field, "dst"), GraphRelation.valueOf(relation), properties));
        }
        try {
            return new TopologySnapshot(resources, edges, List.of());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage().replaceFirst("^edges", "relations"), e);
        }
    }

    private static JsonNode array(JsonNode root, String field) {
        JsonNode value = root.path(field);
        if (!value.isArray()) {
            throw new IllegalArgumentException(field + ": must be an array");
        }
        return value;
    }

    private static JsonNode object(JsonNode node, String field) {
        if (!node.isObject()) {
            throw new IllegalArgumentException(field + ": must be an object");
        }
        return node;
    }

    private static String text(JsonNode node, String field, String key) {
        JsonNode value = node.get(key);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException(field + "." + key + ": must be a non-empty string");
        }
        return value.asText();
    }

    private static void checkKeys(JsonNode node, String field, Set<String> known) {
        node.fieldNames().forEachRemaining(key -> {
            if (!known.contains(key)) {
                throw new IllegalArgumentException(field + "." + key + ": unknown key; known: " + known);
            }
        });
    }
}
