package io.rootscope.backend.etl.prometheus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The PromQL templates the Prometheus job evaluates. The defaults are the AutoMAP metric set over Istio and
 * cAdvisor metrics (Ma et al., WWW 2020: latency, throughput, congestion, availability, CPU, I/O, memory) plus
 * node-exporter host CPU and memory.
 *
 * <p>Configuration is a JSON object keyed by metric name: a string replaces a default's PromQL and keeps its
 * resource mapping; an object {@code {"promql", "resource": "workload"|"host", "name_label", "namespace_label"}}
 * defines a metric; {@code null} drops a default.
 */
public final class PromQueryTemplates {

    private static final String WORKLOAD = "destination_workload, destination_workload_namespace";
    private static final String LATENCY = callersViewElseServers(
            "sum by (" + WORKLOAD + ") (rate(istio_request_duration_milliseconds_sum{reporter=\"%s\"}[1m]))"
            + " / sum by (" + WORKLOAD + ") (rate(istio_request_duration_milliseconds_count{reporter=\"%s\"}[1m]))");
    private static final String THROUGHPUT = callersViewElseServers(
            "sum by (" + WORKLOAD + ") (rate(istio_requests_total{reporter=\"%s\"}[1m]))");
    private static final String ERROR_RATE = callersViewElseServers(
            "sum by (" + WORKLOAD + ") (rate(istio_requests_total{reporter=\"%s\",response_code!~\"2..\"}[1m]))"
            + " / sum by (" + WORKLOAD + ") (rate(istio_requests_total{reporter=\"%s\"}[1m]))");
    private static final String CONTAINER = "container!=\"\",container!=\"POD\"";

    private static final SeriesResource ISTIO = SeriesResource.workload("destination_workload", "destination_workload_namespace");
    private static final SeriesResource CADVISOR = SeriesResource.workload("container", "namespace");
    private static final SeriesResource NODE = SeriesResource.host("instance");

    /** The default templates, in a stable order. */
    public static final List<MetricQuery> DEFAULTS = List.of(
            new MetricQuery("latency", LATENCY, ISTIO),
            new MetricQuery("throughput", THROUGHPUT, ISTIO),
            new MetricQuery("congestion", "(" + THROUGHPUT + ") / (" + LATENCY + ")", ISTIO),
            new MetricQuery("availability", "1 - (" + ERROR_RATE + ")", ISTIO),
            new MetricQuery("error_rate", ERROR_RATE, ISTIO),
            new MetricQuery("cpu", "sum by (namespace, container) (rate(container_cpu_usage_seconds_total{" + CONTAINER + "}[1m]))", CADVISOR),
            new MetricQuery("io_read", "sum by (namespace, container) (rate(container_fs_reads_bytes_total{" + CONTAINER + "}[1m]))", CADVISOR),
            new MetricQuery("io_write", "sum by (namespace, container) (rate(container_fs_writes_bytes_total{" + CONTAINER + "}[1m]))", CADVISOR),
            new MetricQuery("memory", "sum by (namespace, container) (container_memory_usage_bytes{" + CONTAINER + "})", CADVISOR),
            new MetricQuery("host_cpu", "1 - avg by (instance) (rate(node_cpu_seconds_total{mode=\"idle\"}[1m]))", NODE),
            new MetricQuery("host_memory", "1 - sum by (instance) (node_memory_MemAvailable_bytes) / sum by (instance) (node_memory_MemTotal_bytes)", NODE));

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> DEFINITION_KEYS = Set.of("promql", "resource", "name_label", "namespace_label");

    private PromQueryTemplates() {
    }

    /**
     * The callers' view of a service (Istio's source reporter), which includes network delay, loss and refused
     * connections that the service itself never sees; the service's own view (destination reporter) where no
     * caller inside the mesh reports, as for the front-end. {@code template} has a {@code %s} per reporter.
     */
    private static String callersViewElseServers(String template) {
        return "(" + template.replace("%s", "source") + ") or (" + template.replace("%s", "destination") + ")";
    }

    /** The defaults changed by a JSON configuration (see the class comment). */
    public static List<MetricQuery> fromJson(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("PromQL templates are not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("PromQL templates must be a JSON object keyed by metric name");
        }
        Map<String, MetricQuery> queries = new LinkedHashMap<>();
        DEFAULTS.forEach(q -> queries.put(q.metric(), q));
        for (Map.Entry<String, JsonNode> entry : root.properties()) {
            String metric = entry.getKey();
            JsonNode value = entry.getValue();
            if (value.isNull()) {
                queries.remove(metric);
            } else if (value.isTextual()) {
                MetricQuery base = queries.get(metric);
                if (base == null) {
                    throw new IllegalArgumentException(metric + ": a PromQL string can only replace a default"
                            + " template; define a new metric as an object with promql and resource");
                }
                queries.put(metric, new MetricQuery(metric, value.asText(), base.resource()));
            } else if (value.isObject()) {
                queries.put(metric, definition(metric, value));
            } else {
                throw new IllegalArgumentException(metric + ": must be a PromQL string, an object or null");
            }
        }
        return List.copyOf(queries.values());
    }

    private static MetricQuery definition(String metric, JsonNode value) {
        value.fieldNames().forEachRemaining(key -> {
            if (!DEFINITION_KEYS.contains(key)) {
                throw new IllegalArgumentException(metric + "." + key + ": unknown key; known: " + DEFINITION_KEYS);
            }
        });
        String kind = value.path("resource").asText("");
        String nameLabel = value.path("name_label").asText(null);
        SeriesResource resource = switch (kind) {
            case "workload" -> SeriesResource.workload(nameLabel, value.path("namespace_label").asText(null));
            case "host" -> SeriesResource.host(nameLabel);
            default -> throw new IllegalArgumentException(metric + ".resource: must be 'workload' or 'host', got '" + kind + "'");
        };
        return new MetricQuery(metric, value.path("promql").asText(null), resource);
    }
}
