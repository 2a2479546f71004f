package io.rootscope.workload.otlp;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rootscope.workload.sim.PodSample;
import io.rootscope.workload.topology.Topology;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Encodes spans and logs as OTLP/JSON {@code ExportTraceServiceRequest} and {@code ExportLogsServiceRequest}
 * bodies: lowerCamelCase field names, hex trace and span ids, enums as numbers, 64-bit integers as decimal
 * strings; one resource per service pod.
 */
public final class OtlpJson {

    public static final String SCOPE_NAME = "io.rootscope.workload";
    public static final String SCOPE_VERSION = "0.1.0";

    private final ObjectMapper mapper;
    private final Topology topology;

    public OtlpJson(ObjectMapper mapper, Topology topology) {
        this.mapper = mapper;
        this.topology = topology;
    }

    /** @param pods the pods by service name, for the resource attributes */
    public ObjectNode traces(List<SpanRecord> spans, Map<String, PodSample> pods) {
        ObjectNode request = mapper.createObjectNode();
        ArrayNode resourceSpans = request.putArray("resourceSpans");
        groupByService(spans, SpanRecord::service).forEach((service, serviceSpans) -> {
            ObjectNode resource = resourceSpans.addObject();
            resource.set("resource", resource(service, pods.get(service)));
            ArrayNode out = scope(resource.putArray("scopeSpans")).putArray("spans");
            serviceSpans.forEach(span -> out.add(span(span)));
        });
        return request;
    }

    public ObjectNode logs(List<LogRecord> logs, Map<String, PodSample> pods) {
        ObjectNode request = mapper.createObjectNode();
        ArrayNode resourceLogs = request.putArray("resourceLogs");
        groupByService(logs, LogRecord::service).forEach((service, serviceLogs) -> {
            ObjectNode resource = resourceLogs.addObject();
            resource.set("resource", resource(service, pods.get(service)));
            ArrayNode out = scope(resource.putArray("scopeLogs")).putArray("logRecords");
            serviceLogs.forEach(log -> out.add(log(log)));
        });
        return request;
    }

    private static <T> Map<String, List<T>> groupByService(List<T> items, Function<T, String> service) {
        Map<String, List<T>> grouped = new LinkedHashMap<>();
        items.forEach(item -> grouped.computeIfAbsent(service.apply(item), s -> new ArrayList<>()).add(item));
        return grouped;
    }

    private ObjectNode scope(ArrayNode scopes) {
        ObjectNode scope = scopes.addObject();
        scope.putObject("scope").put("name", SCOPE_NAME).put("version", SCOPE_VERSION);
        return scope;
    }

    private ObjectNode resource(String service, PodSample pod) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("service.name", service);
        attributes.put("service.namespace", topology.namespace());
        attributes.put("k8s.namespace.name", topology.namespace());
        attributes.put("k8s.deployment.name", service);
        if (pod != null) {
            attributes.put("k8s.pod.name", pod.pod());
            attributes.put("k8s.node.name", pod.host());
        }
        ObjectNode resource = mapper.createObjectNode();
        resource.set("attributes", attributes(attributes));
        return resource;
    }

    private ObjectNode span(SpanRecord span) {
        ObjectNode node = mapper.createObjectNode();
        node.put("traceId", span.traceId());
        node.put("spanId", span.spanId());
        span.parentSpanId().ifPresent(parent -> node.put("parentSpanId", parent));
        node.put("name", span.name());
        node.put("kind", span.kind().number());
        node.put("startTimeUnixNano", Long.toString(span.startNanos()));
        node.put("endTimeUnixNano", Long.toString(span.endNanos()));
        node.set("attributes", attributes(new TreeMap<>(span.attributes())));
        ObjectNode status = node.putObject("status");
        if (span.error()) {
            status.put("code", 2);
        }
        return node;
    }

    private ObjectNode log(LogRecord log) {
        ObjectNode node = mapper.createObjectNode();
        node.put("timeUnixNano", Long.toString(log.timeNanos()));
        node.put("observedTimeUnixNano", Long.toString(log.timeNanos()));
        node.put("severityNumber", log.severity().number());
        node.put("severityText", log.severity().name());
        node.putObject("body").put("stringValue", log.body());
        log.traceId().ifPresent(id -> node.put("traceId", id));
        log.spanId().ifPresent(id -> node.put("spanId", id));
        return node;
    }

    private ArrayNode attributes(Map<String, Object> attributes) {
        ArrayNode array = mapper.createArrayNode();
        attributes.forEach((key, value) -> {
            ObjectNode attribute = array.addObject();
            attribute.put("key", key);
            ObjectNode any = attribute.putObject("value");
            if (value instanceof Long number) {
                any.put("intValue", Long.toString(number));
            } else if (value instanceof Double number) {
                any.put("doubleValue", number);
            } else if (value instanceof Boolean flag) {
                any.put("boolValue", flag);
            } else {
                any.put("stringValue", String.valueOf(value));
            }
        });
        return array;
    }
}
