package io.rootscope.backend.etl.pushed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.rootscope.backend.etl.prometheus.SeriesResource;
import io.rootscope.backend.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The rules deriving AutoMAP metric types from pushed series. The defaults mean what the default PromQL templates
 * ({@code etl.prometheus.PromQueryTemplates}) mean, over the same exporters' series pushed by a Prometheus (Istio,
 * cAdvisor, node-exporter, ping and blackbox exporters), and over OpenTelemetry's semantic-convention metrics as
 * OpenTelemetry's Prometheus compatibility names them ({@code http_server_request_duration_seconds},
 * {@code rpc_server_duration_milliseconds}, {@code container_cpu_time_seconds_total}, ...), whose resource is
 * {@code service_name} (else {@code job}) in {@code k8s_namespace_name} (else {@code service_namespace}, else the
 * configured default). Not derived: {@code congestion} (throughput over latency is no form here).
 *
 * <p>Configuration is a JSON object keyed by metric: an array of rule objects replaces that metric's rules (or adds
 * the metric), {@code null} drops it. A rule: {@code {"function": "rate"|"gauge", "aggregate": "sum"|"avg",
 * "numerator": [{"name", "labels": {"label": "value"|"!=v"|"=~re"|"!~re"}}], "denominator": [...], "scale": 1,
 * "one_minus": false, "resource": {"kind": "workload"|"host"|"service_dns", "name_labels": [...], "namespace_labels": [...]}}}.
 */
public final class DerivationRules {

    private static final RuleResource ISTIO = RuleResource.of(SeriesResource.workload("destination_workload", "destination_workload_namespace"));
    private static final RuleResource CADVISOR = RuleResource.of(SeriesResource.workload("container", "namespace"));
    private static final RuleResource NODE = RuleResource.of(SeriesResource.host("instance"));
    private static final RuleResource PROBED = RuleResource.of(SeriesResource.serviceDns("target"));
    private static final RuleResource OTEL = RuleResource.workload(List.of("service_name", "job"), List.of("k8s_namespace_name", "service_namespace"));

    private static final String REAL_CONTAINER = "!~|POD";
    private static final String HTTP_SECONDS = "http_server_request_duration_seconds";
    private static final String RPC_MILLIS = "rpc_server_duration_milliseconds";
    // A status present and not 2xx (Istio's errors); a gRPC status other than OK.
    private static final String HTTP_ERROR = "=~[^2].*";
    private static final String GRPC_ERROR = "=~[1-9][0-9]*";

    private static final Set<String> RULE_KEYS = Set.of("function", "aggregate", "numerator", "denominator", "scale", "one_minus", "resource");

    /** The default rules, in a stable order. */
    public static final List<DerivationRule> DEFAULTS = defaults();

    private DerivationRules() {
    }

    private static List<DerivationRule> defaults() {
        List<DerivationRule> rules = new ArrayList<>();
        for (String reporter : List.of("source", "destination")) {
            SeriesSelector durationSum = SeriesSelector.of("istio_request_duration_milliseconds_sum", "reporter", reporter);
            SeriesSelector durationCount = SeriesSelector.of("istio_request_duration_milliseconds_count", "reporter", reporter);
            SeriesSelector requests = SeriesSelector.of("istio_requests_total", "reporter", reporter);
            SeriesSelector failed = SeriesSelector.of("istio_requests_total", "reporter", reporter, "response_code", "!~2..");
            rules.add(ratio("latency", durationSum, durationCount, 1, false, ISTIO));
            rules.add(rate("throughput", DerivationRule.Aggregate.SUM, false, ISTIO, requests));
            rules.add(ratio("error_rate", failed, requests, 1, false, ISTIO));
            rules.add(ratio("availability", failed, requests, 1, true, ISTIO));
        }
        for (String kind : List.of("http", "rpc")) {
            String histogram = kind.equals("http") ? HTTP_SECONDS : RPC_MILLIS;
            SeriesSelector count = SeriesSelector.of(histogram + "_count");
            SeriesSelector failed = kind.equals("http") ? SeriesSelector.of(histogram + "_count", "http_response_status_code", HTTP_ERROR)
                    : SeriesSelector.of(histogram + "_count", "rpc_grpc_status_code", GRPC_ERROR);
            rules.add(ratio("latency", SeriesSelector.of(histogram + "_sum"), count, kind.equals("http") ? 1000 : 1, false, OTEL));
            rules.add(rate("throughput", DerivationRule.Aggregate.SUM, false, OTEL, count));
            rules.add(ratio("error_rate", failed, count, 1, false, OTEL));
            rules.add(ratio("availability", failed, count, 1, true, OTEL));
        }
        rules.add(rate("cpu", DerivationRule.Aggregate.SUM, false, CADVISOR, SeriesSelector.of("container_cpu_usage_seconds_total", "container", REAL_CONTAINER)));
        for (String counter : List.of("container_cpu_time_seconds_total", "k8s_pod_cpu_time_seconds_total", "process_cpu_time_seconds_total")) {
            rules.add(rate("cpu", DerivationRule.Aggregate.SUM, false, OTEL, SeriesSelector.of(counter, "service_name", "!=")));
        }
        rules.add(rate("io_read", DerivationRule.Aggregate.SUM, false, CADVISOR, SeriesSelector.of("container_fs_reads_bytes_total", "container", REAL_CONTAINER)));
        rules.add(rate("io_write", DerivationRule.Aggregate.SUM, false, CADVISOR, SeriesSelector.of("container_fs_writes_bytes_total", "container", REAL_CONTAINER)));
        rules.add(gauge("memory", DerivationRule.Aggregate.SUM, CADVISOR, SeriesSelector.of("container_memory_usage_bytes", "container", REAL_CONTAINER)));
        for (String gauge : List.of("container_memory_usage_bytes", "process_memory_usage_bytes", "jvm_memory_used_bytes")) {
            rules.add(gauge("memory", DerivationRule.Aggregate.SUM, OTEL, SeriesSelector.of(gauge, "service_name", "!=")));
        }
        rules.add(rate("host_cpu", DerivationRule.Aggregate.AVG, true, NODE, SeriesSelector.of("node_cpu_seconds_total", "mode", "idle")));
        rules.add(new DerivationRule("host_memory", DerivationRule.Function.GAUGE, DerivationRule.Aggregate.SUM,
                List.of(SeriesSelector.of("node_memory_MemAvailable_bytes")), List.of(SeriesSelector.of("node_memory_MemTotal_bytes")), 1, true, NODE));
        rules.add(rate("host_disk_io", DerivationRule.Aggregate.SUM, false, NODE,
                SeriesSelector.of("node_disk_read_bytes_total"), SeriesSelector.of("node_disk_written_bytes_total")));
        rules.add(rate("host_network", DerivationRule.Aggregate.SUM, false, NODE,
                SeriesSelector.of("node_network_receive_bytes_total", "device", "!=lo"), SeriesSelector.of("node_network_transmit_bytes_total", "device", "!=lo")));
        rules.add(ratio("host_tcp_retransmits", SeriesSelector.of("node_netstat_Tcp_RetransSegs"), SeriesSelector.of("node_netstat_Tcp_OutSegs"), 1, false, NODE));
        rules.add(gauge("rtt", DerivationRule.Aggregate.AVG, PROBED, SeriesSelector.of("ping_rtt_mean_seconds")));
        rules.add(gauge("packet_loss", DerivationRule.Aggregate.AVG, PROBED, SeriesSelector.of("ping_loss_ratio")));
        rules.add(gauge("connect_time", DerivationRule.Aggregate.AVG, PROBED, SeriesSelector.of("probe_http_duration_seconds", "phase", "connect")));
        rules.add(gauge("dns_lookup_time", DerivationRule.Aggregate.AVG, PROBED, SeriesSelector.of("probe_dns_lookup_time_seconds", "module", "http_2xx")));
        rules.add(gauge("probe_success", DerivationRule.Aggregate.AVG, PROBED, SeriesSelector.of("probe_success", "module", "http_2xx")));
        return List.copyOf(rules);
    }

    private static DerivationRule rate(String metric, DerivationRule.Aggregate aggregate, boolean oneMinus, RuleResource resource,
                                       SeriesSelector... counters) {
        return new DerivationRule(metric, DerivationRule.Function.RATE, aggregate, List.of(counters), List.of(), 1, oneMinus, resource);
    }

    private static DerivationRule ratio(String metric, SeriesSelector numerator, SeriesSelector denominator, double scale,
                                        boolean oneMinus, RuleResource resource) {
        return new DerivationRule(metric, DerivationRule.Function.RATE, DerivationRule.Aggregate.SUM, List.of(numerator),
                List.of(denominator), scale, oneMinus, resource);
    }

    private static DerivationRule gauge(String metric, DerivationRule.Aggregate aggregate, RuleResource resource, SeriesSelector gauge) {
        return new DerivationRule(metric, DerivationRule.Function.GAUGE, aggregate, List.of(gauge), List.of(), 1, false, resource);
    }

    /** {@code defaults} changed by a JSON configuration (see the class comment). */
    public static List<DerivationRule> fromJson(String json, List<DerivationRule> defaults) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("derivation rules are not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("derivation rules must be a JSON object keyed by metric name");
        }
        Map<String, List<DerivationRule>> byMetric = new LinkedHashMap<>();
        defaults.forEach(rule -> byMetric.computeIfAbsent(rule.metric(), m -> new ArrayList<>()).add(rule));
        for (Map.Entry<String, JsonNode> entry : root.properties()) {
            String metric = entry.getKey();
            if (entry.getValue().isNull()) {
                byMetric.remove(metric);
            } else if (entry.getValue().isArray() && !entry.getValue().isEmpty()) {
                List<DerivationRule> rules = new ArrayList<>();
                for (int i = 0; i < entry.getValue().size(); i++) {
                    rules.add(rule(metric + "[" + i + "]", metric, entry.getValue().get(i)));
                }
                byMetric.put(metric, rules);
            } else {
                throw new IllegalArgumentException(metric + ": must be a non-empty array of rules or null");
            }
        }
        return byMetric.values().stream().flatMap(List::stream).toList();
    }

    private static DerivationRule rule(String where, String metric, JsonNode node) {
        if (!node.isObject()) {
            throw new IllegalArgumentException(where + ": a rule must be an object");
        }
        node.fieldNames().forEachRemaining(key -> {
            if (!RULE_KEYS.contains(key)) {
                throw new IllegalArgumentException(where + "." + key + ": unknown key; known: " + RULE_KEYS);
            }
        });
        try {
            return new DerivationRule(metric,
                    choice(node, "function", "rate", DerivationRule.Function.class),
                    choice(node, "aggregate", "sum", DerivationRule.Aggregate.class),
                    selectors(where + ".numerator", node.path("numerator")), selectors(where + ".denominator", node.path("denominator")),
                    node.path("scale").asDouble(1), node.path("one_minus").asBoolean(false), resource(where + ".resource", node.path("resource")));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage());
        }
    }

    private static <E extends Enum<E>> E choice(JsonNode node, String key, String fallback, Class<E> choices) {
        String value = node.path(key).asText(fallback);
        for (E choice : choices.getEnumConstants()) {
            if (choice.name().equalsIgnoreCase(value)) {
                return choice;
            }
        }
        throw new IllegalArgumentException(key + " must be one of " + java.util.Arrays.stream(choices.getEnumConstants())
                .map(c -> c.name().toLowerCase(Locale.ROOT)).toList() + ", got '" + value + "'");
    }

    private static List<SeriesSelector> selectors(String where, JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new IllegalArgumentException(where + " must be an array of {\"name\", \"labels\"}");
        }
        List<SeriesSelector> selectors = new ArrayList<>();
        for (JsonNode selector : node) {
            Map<String, LabelMatcher> matchers = new LinkedHashMap<>();
            selector.path("labels").properties().forEach(m -> matchers.put(m.getKey(), LabelMatcher.parse(m.getValue().asText())));
            selectors.add(new SeriesSelector(selector.path("name").asText(null), matchers));
        }
        return selectors;
    }

    private static RuleResource resource(String where, JsonNode node) {
        String kind = node.path("kind").asText("");
        SeriesResource.Kind parsed = switch (kind) {
            case "workload" -> SeriesResource.Kind.WORKLOAD;
            case "host" -> SeriesResource.Kind.HOST;
            case "service_dns" -> SeriesResource.Kind.SERVICE_DNS;
            default -> throw new IllegalArgumentException(where + ".kind must be 'workload', 'host' or 'service_dns', got '" + kind + "'");
        };
        return new RuleResource(parsed, strings(node.path("name_labels")), strings(node.path("namespace_labels")));
    }

    private static List<String> strings(JsonNode node) {
        List<String> values = new ArrayList<>();
        node.forEach(value -> values.add(value.asText()));
        return values;
    }
}
