package io.rootscope.workload.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.rootscope.workload.fault.FaultRegistry;
import io.rootscope.workload.sim.LoadModel;
import io.rootscope.workload.sim.Simulation;
import io.rootscope.workload.topology.SockShopTopology;
import io.rootscope.workload.topology.Topology;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Parses the scrape the way Prometheus would, with a small parser for the text format 0.0.4. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExpositionFormatTest {

    private static final Pattern SAMPLE = Pattern.compile(
            "([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})? (-?[0-9.]+(?:[eE][-+]?[0-9]+)?|NaN|[+-]Inf)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\",?");
    private static final Pattern TYPE = Pattern.compile("# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|untyped)");

    private record Sample(String name, Map<String, String> labels, double value) {
    }

    private final List<Sample> samples = new ArrayList<>();
    private final Map<String, String> types = new HashMap<>();

    ExpositionFormatTest() {
        Topology topology = SockShopTopology.create();
        Random random = new Random(5);
        Simulation simulation = new Simulation(topology, new FaultRegistry(topology, f -> { }),
                new LoadModel(random), random, Duration.ofSeconds(1));
        Instant t = Instant.parse("2026-01-05T10:00:00Z");
        for (int i = 0; i < 20; i++) {
            simulation.step(t.plusSeconds(i));
        }
        parse(new MetricsRenderer(topology).render(simulation.snapshot()));
    }

    private void parse(String text) {
        assertTrue(text.endsWith("\n"));
        String family = null;
        Set<String> closedFamilies = new HashSet<>();
        Set<String> seen = new HashSet<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("# HELP ")) {
                continue;
            }
            Matcher type = TYPE.matcher(line);
            if (type.matches()) {
                if (family != null) {
                    closedFamilies.add(family);
                }
                family = type.group(1);
                assertTrue(types.put(family, type.group(2)) == null, "family declared twice: " + family);
                continue;
            }
            Matcher sample = SAMPLE.matcher(line);
            if (!sample.matches()) {
                fail("not a valid exposition line: " + line);
            }
            String name = sample.group(1);
            assertTrue(family != null && (name.equals(family) || name.startsWith(family + "_")),
                    name + " outside its family " + family);
            Map<String, String> labels = new LinkedHashMap<>();
            if (sample.group(2) != null) {
                Matcher label = LABEL.matcher(sample.group(2));
                int end = 0;
                while (label.find() && label.start() == end) {
                    labels.put(label.group(1), label.group(2));
                    end = label.end();
                }
                assertEquals(sample.group(2).length(), end, "labels of " + line);
            }
            assertTrue(seen.add(name + labels), "duplicate series " + name + labels);
            samples.add(new Sample(name, labels, Double.parseDouble(sample.group(3).replace("Inf", "Infinity"))));
        }
        assertTrue(!closedFamilies.contains(family));
    }

    private List<Sample> named(String name) {
        return samples.stream().filter(s -> s.name.equals(name)).toList();
    }

    @Test
    void exposesTheExpectedFamiliesWithTheirTypes() {
        Map<String, String> expected = Map.ofEntries(
                Map.entry("istio_requests_total", "counter"),
                Map.entry("istio_request_duration_milliseconds", "histogram"),
                Map.entry("container_cpu_usage_seconds_total", "counter"),
                Map.entry("container_memory_usage_bytes", "gauge"),
                Map.entry("container_fs_reads_bytes_total", "counter"),
                Map.entry("container_fs_writes_bytes_total", "counter"),
                Map.entry("kube_pod_info", "gauge"),
                Map.entry("node_cpu_seconds_total", "counter"),
                Map.entry("node_memory_MemAvailable_bytes", "gauge"),
                Map.entry("node_network_receive_bytes_total", "counter"),
                Map.entry("node_netstat_Tcp_RetransSegs", "untyped"),
                Map.entry("node_netstat_Tcp_OutSegs", "untyped"),
                Map.entry("probe_success", "gauge"),
                Map.entry("probe_duration_seconds", "gauge"),
                Map.entry("probe_dns_lookup_time_seconds", "gauge"),
                Map.entry("probe_http_duration_seconds", "gauge"),
                Map.entry("probe_icmp_duration_seconds", "gauge"),
                Map.entry("ping_rtt_mean_seconds", "gauge"),
                Map.entry("ping_loss_ratio", "gauge"));
        expected.forEach((name, type) -> assertEquals(type, types.get(name), name));
    }

    @Test
    void istioSeriesCarryTheLabelsAutoMapQueriesUse() {
        Sample payment = named("istio_requests_total").stream()
                .filter(s -> s.labels.get("destination_workload").equals("payment")
                        && s.labels.get("reporter").equals("destination"))
                .findFirst().orElseThrow();
        assertEquals("orders", payment.labels.get("source_workload"));
        assertEquals("payment.sock-shop.svc.cluster.local", payment.labels.get("destination_service"));
        assertEquals("payment", payment.labels.get("destination_service_name"));
        assertTrue(payment.labels.get("response_code").matches("[0-9]{3}"));
        assertTrue(payment.value > 0);
    }

    @Test
    void histogramBucketsAreCumulativeAndEndWithCount() {
        Map<Map<String, String>, List<Sample>> byLabels = new LinkedHashMap<>();
        for (Sample bucket : named("istio_request_duration_milliseconds_bucket")) {
            Map<String, String> labels = new LinkedHashMap<>(bucket.labels);
            labels.remove("le");
            byLabels.computeIfAbsent(labels, l -> new ArrayList<>()).add(bucket);
        }
        assertTrue(!byLabels.isEmpty());
        byLabels.forEach((labels, buckets) -> {
            for (int i = 1; i < buckets.size(); i++) {
                assertTrue(Double.parseDouble(buckets.get(i).labels.get("le").replace("+Inf", "Infinity"))
                        > Double.parseDouble(buckets.get(i - 1).labels.get("le")), "le ascending");
                assertTrue(buckets.get(i).value >= buckets.get(i - 1).value, "cumulative");
            }
            Sample last = buckets.get(buckets.size() - 1);
            assertEquals("+Inf", last.labels.get("le"));
            double count = named("istio_request_duration_milliseconds_count").stream()
                    .filter(s -> s.labels.equals(labels)).findFirst().orElseThrow().value;
            assertEquals(count, last.value);
        });
    }

    @Test
    void everyPodHasContainerSeriesOnItsNode() {
        List<Sample> cpu = named("container_cpu_usage_seconds_total");
        assertEquals(14, cpu.size());
        for (Sample sample : cpu) {
            assertEquals("sock-shop", sample.labels.get("namespace"));
            assertTrue(sample.labels.get("pod").startsWith(sample.labels.get("container") + "-"));
            assertTrue(sample.labels.get("node").startsWith("node-"));
        }
        assertEquals(14, named("kube_pod_info").size());
        List<Sample> hostCpu = named("node_cpu_seconds_total");
        assertEquals(3 * 4 * 8, hostCpu.size());
        assertEquals(Set.of("node-1", "node-2", "node-3"), hostCpu.stream().map(s -> s.labels.get("instance")).collect(Collectors.toSet()),
                "each node's metrics name it as instance, as the host templates group them");
        assertEquals(3, named("node_disk_written_bytes_total").size());
        assertTrue(named("node_disk_written_bytes_total").stream().allMatch(s -> s.value > 0), "pods' writes reach their node's disk");
    }

    @Test
    void labelValuesAreEscaped() {
        ExpositionWriter writer = new ExpositionWriter();
        writer.family("x", "gauge", "h").sample("x", Labels.of("a", "q\"b\\s\nn"), 1.5);
        assertEquals("# HELP x h\n# TYPE x gauge\nx{a=\"q\\\"b\\\\s\\nn\"} 1.5\n", writer.text());
    }
}
