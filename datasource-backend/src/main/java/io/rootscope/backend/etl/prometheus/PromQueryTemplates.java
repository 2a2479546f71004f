package io.rootscope.backend.etl.prometheus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The PromQL templates the Prometheus job evaluates. The defaults are the AutoMAP metric set over Istio and
 * cAdvisor metrics (Ma et al., WWW 2020: latency, throughput, congestion, availability, CPU, I/O, memory) plus
 * node-exporter host CPU, memory, disk and network throughput and TCP retransmission ratio, and each service's
 * network health as ping and blackbox exporters probing it see it: round-trip time, packet loss, TCP connect time,
 * DNS lookup time and HTTP probe success. Round-trip time and loss tell a fault in a service's own network (its
 * replies are slow or lost) from one in its callees, which in the callers' latency alone look alike.
 *
 * <p>Configuration is a JSON object keyed by metric name: a string replaces a default's PromQL and keeps its
 * resource mapping; an object {@code {"promql", "resource": "workload"|"host"|"service_dns", "name_label", "namespace_label"}}
 * defines a metric; {@code null} drops a default.
 */
public final class PromQueryTemplates {

    private static final String WORKLOAD = "destination_workload, destination_workload_namespace";
    private static final String CONTAINER = "container!=\"\",container!=\"POD\"";

    private static final SeriesResource ISTIO = SeriesResource.workload("destination_workload", "destination_workload_namespace");
    private static final SeriesResource CADVISOR = SeriesResource.workload("container", "namespace");
    private static final SeriesResource NODE = SeriesResource.host("instance");
    private static final SeriesResource PROBED = SeriesResource.serviceDns("target");

    /** The range of the default templates' {@code rate()}: four 15 s scrapes, as Prometheus advises. */
    public static final Duration RATE_WINDOW_DEFAULT = Duration.ofMinutes(1);

    /** The default templates over {@link #RATE_WINDOW_DEFAULT}, in a stable order. */
    public static final List<MetricQuery> DEFAULTS = defaults(RATE_WINDOW_DEFAULT);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> DEFINITION_KEYS = Set.of("promql", "resource", "name_label", "namespace_label");

    private PromQueryTemplates() {
    }

    /**
     * The default templates with every {@code rate()} over {@code rateWindow}: a window of at least four scrape
     * intervals keeps rates defined, a short one lets a fault show (and fade) sooner.
     *
     * @param rateWindow whole seconds, at least one
     */
    public static List<MetricQuery> defaults(Duration rateWindow) {
        if (rateWindow == null || rateWindow.toSeconds() < 1 || rateWindow.toNanos() % 1_000_000_000L != 0) {
            throw new IllegalArgumentException("rate window must be a whole number of seconds, at least 1, got " + rateWindow);
        }
        String range = "[" + rateWindow.toSeconds() + "s]";
        String latency = callersViewElseServers(
                "sum by (" + WORKLOAD + ") (rate(istio_request_duration_milliseconds_sum{reporter=\"%s\"}" + range + "))"
                + " / sum by (" + WORKLOAD + ") (rate(istio_request_duration_milliseconds_count{reporter=\"%s\"}" + range + "))");
        String throughput = callersViewElseServers(
                "sum by (" + WORKLOAD + ") (rate(istio_requests_total{reporter=\"%s\"}" + range + "))");
        String errorRate = callersViewElseServers(
                "sum by (" + WORKLOAD + ") (rate(istio_requests_total{reporter=\"%s\",response_code!~\"2..\"}" + range + "))"
                + " / sum by (" + WORKLOAD + ") (rate(istio_requests_total{reporter=\"%s\"}" + range + "))");
        return List.of(
                new MetricQuery("latency", latency, ISTIO),
                new MetricQuery("throughput", throughput, ISTIO),
                new MetricQuery("congestion", "(" + throughput + ") / (" + latency + ")", ISTIO),
                new MetricQuery("availability", "1 - (" + errorRate + ")", ISTIO),
                new MetricQuery("error_rate", errorRate, ISTIO),
                new MetricQuery("cpu", containerRate("container_cpu_usage_seconds_total", range), CADVISOR),
                new MetricQuery("io_read", containerRate("container_fs_reads_bytes_total", range), CADVISOR),
                new MetricQuery("io_write", containerRate("container_fs_writes_bytes_total", range), CADVISOR),
                new MetricQuery("memory", "sum by (namespace, container) (container_memory_usage_bytes{" + CONTAINER + "})", CADVISOR),
                new MetricQuery("host_cpu", "1 - avg by (instance) (rate(node_cpu_seconds_total{mode=\"idle\"}" + range + "))", NODE),
                new MetricQuery("host_memory", "1 - sum by (instance) (node_memory_MemAvailable_bytes) / sum by (instance) (node_memory_MemTotal_bytes)", NODE),
                new MetricQuery("host_disk_io", hostRate("node_disk_read_bytes_total", range) + " + " + hostRate("node_disk_written_bytes_total", range), NODE),
                new MetricQuery("host_network", hostRate("node_network_receive_bytes_total{device!=\"lo\"}", range)
                        + " + " + hostRate("node_network_transmit_bytes_total{device!=\"lo\"}", range), NODE),
                new MetricQuery("host_tcp_retransmits", hostRate("node_netstat_Tcp_RetransSegs", range) + " / " + hostRate("node_netstat_Tcp_OutSegs", range), NODE),
                new MetricQuery("rtt", "avg by (target) (ping_rtt_mean_seconds)", PROBED),
                new MetricQuery("packet_loss", "avg by (target) (ping_loss_ratio)", PROBED),
                new MetricQuery("connect_time", "avg by (target) (probe_http_duration_seconds{phase=\"connect\"})", PROBED),
                new MetricQuery("dns_lookup_time", "avg by (target) (probe_dns_lookup_time_seconds{module=\"http_2xx\"})", PROBED),
                new MetricQuery("probe_success", "avg by (target) (probe_success{module=\"http_2xx\"})", PROBED));
    }

    private static String hostRate(String counter, String range) {
        return "sum by (instance) (rate(" + counter + range + "))";
    }

    private static String containerRate(String counter, String range) {
        return "sum by (namespace, container) (rate(" + counter + "{" + CONTAINER + "}" + range + "))";
    }

    /**
     * The callers' view of a service (Istio's source reporter), which includes network delay, loss and refused
     * connections that the service itself never sees; the service's own view (destination reporter) where no
     * caller inside the mesh reports, as for the front-end. {@code template} has a {@code %s} per reporter.
     */
    private static String callersViewElseServers(String template) {
        return "(" + template.replace("%s", "source") + ") or (" + template.replace("%s", "destination") + ")";
    }

    /** {@code defaults} changed by a JSON configuration (see the class comment). */
    public static List<MetricQuery> fromJson(String json, List<MetricQuery> defaults) {
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
        defaults.forEach(q -> queries.put(q.metric(), q));
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
            case "service_dns" -> SeriesResource.serviceDns(nameLabel);
            default -> throw new IllegalArgumentException(metric + ".resource: must be 'workload', 'host' or 'service_dns', got '" + kind + "'");
        };
        return new MetricQuery(metric, value.path("promql").asText(null), resource);
    }
}
