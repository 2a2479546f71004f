package io.rootscope.backend.etl.prometheus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rootscope.backend.etl.write.ObservedResource;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PromQueryTemplatesTest {

    @Test
    void defaultsAreTheAutoMapSetPlusHostMetrics() {
        assertEquals(List.of("latency", "throughput", "congestion", "availability", "error_rate", "cpu", "io_read", "io_write", "memory",
                "host_cpu", "host_memory", "host_disk_io", "host_network", "host_tcp_retransmits",
                "rtt", "packet_loss", "connect_time", "dns_lookup_time", "probe_success"), PromQueryTemplates.DEFAULTS.stream().map(MetricQuery::metric).toList());
        String byReporter = "sum by (destination_workload, destination_workload_namespace) (rate(istio_request_duration_milliseconds_sum{reporter=\"%1$s\"}[60s]))"
                + " / sum by (destination_workload, destination_workload_namespace) (rate(istio_request_duration_milliseconds_count{reporter=\"%1$s\"}[60s]))";
        assertEquals("(" + byReporter.formatted("source") + ") or (" + byReporter.formatted("destination") + ")",
                PromQueryTemplates.DEFAULTS.get(0).promql(), "the callers' view, else the service's own");
    }

    @Test
    void theRateWindowIsEveryRatesRange() {
        List<MetricQuery> fast = PromQueryTemplates.defaults(Duration.ofSeconds(15));
        for (int i = 0; i < fast.size(); i++) {
            MetricQuery query = fast.get(i);
            assertEquals(PromQueryTemplates.DEFAULTS.get(i).promql().replace("[60s]", "[15s]"), query.promql(), query.metric());
            assertEquals(query.promql().contains("rate("), query.promql().contains("[15s]"), query.metric());
        }
        for (Duration bad : List.of(Duration.ZERO, Duration.ofMillis(1500), Duration.ofSeconds(-1))) {
            assertThrows(IllegalArgumentException.class, () -> PromQueryTemplates.defaults(bad), bad.toString());
        }
    }

    @Test
    void jsonReplacesDefinesAndDropsTemplates() {
        List<MetricQuery> queries = PromQueryTemplates.fromJson("""
                {"latency": "histogram_quantile(0.95, sum by (le, app) (rate(x_bucket[1m])))",
                 "memory": null,
                 "queue_depth": {"promql": "max by (queue, ns) (q)", "resource": "workload", "name_label": "queue", "namespace_label": "ns"},
                 "disk": {"promql": "node_disk", "resource": "host", "name_label": "node"}}""", PromQueryTemplates.DEFAULTS);
        List<String> metrics = queries.stream().map(MetricQuery::metric).toList();
        assertEquals(PromQueryTemplates.DEFAULTS.size() + 1, metrics.size(), metrics.toString());
        assertTrue(!metrics.contains("memory") && metrics.contains("queue_depth") && metrics.contains("disk"), metrics.toString());
        MetricQuery latency = queries.get(0);
        assertEquals("histogram_quantile(0.95, sum by (le, app) (rate(x_bucket[1m])))", latency.promql());
        assertEquals(SeriesResource.workload("destination_workload", "destination_workload_namespace"), latency.resource(), "keeps its mapping");
        MetricQuery queue = queries.stream().filter(q -> q.metric().equals("queue_depth")).findFirst().orElseThrow();
        assertEquals(Optional.of(new ObservedResource("urn:k8s:svc:shop/orders", "service", "orders")),
                queue.resource().of(Map.of("queue", "orders", "ns", "shop"), "default"));
    }

    @Test
    void rejectsBadConfigurationNamingTheField() {
        assertMessage("queue: a PromQL string can only replace a default", "{\"queue\": \"q\"}");
        assertMessage("disk.colour: unknown key", "{\"disk\": {\"promql\": \"x\", \"resource\": \"host\", \"name_label\": \"n\", \"colour\": 1}}");
        assertMessage("disk.resource: must be 'workload', 'host' or 'service_dns'", "{\"disk\": {\"promql\": \"x\", \"resource\": \"pod\", \"name_label\": \"n\"}}");
        assertMessage("promql of disk must not be empty", "{\"disk\": {\"resource\": \"host\", \"name_label\": \"n\"}}");
        assertMessage("cpu: must be a PromQL string", "{\"cpu\": 3}");
        assertMessage("PromQL templates must be a JSON object", "[]");
    }

    @Test
    void mapsSeriesLabelsToUrns() {
        SeriesResource host = SeriesResource.host("instance");
        assertEquals("urn:host:node-1", host.of(Map.of("instance", "node-1:9100"), "default").orElseThrow().urn());
        assertEquals("urn:host:node-2", host.of(Map.of("instance", "node-2"), "default").orElseThrow().urn());
        SeriesResource workload = SeriesResource.workload("destination_workload", "destination_workload_namespace");
        assertEquals("urn:k8s:svc:default/carts", workload.of(Map.of("destination_workload", "carts"), "default").orElseThrow().urn());
        assertEquals(Optional.empty(), workload.of(Map.of("destination_workload", "unknown/x"), "default"), "unusable names map to nothing");
        assertEquals(Optional.empty(), workload.of(Map.of("other", "carts"), "default"));
        SeriesResource probed = SeriesResource.serviceDns("target");
        for (String target : List.of("orders.shop.svc.cluster.local", "orders.shop", "http://orders.shop.svc:8080/health", "orders.shop.svc")) {
            assertEquals("urn:k8s:svc:shop/orders", probed.of(Map.of("target", target), "default").orElseThrow().urn(), target);
        }
        assertEquals("urn:k8s:svc:default/orders", probed.of(Map.of("target", "orders:80"), "default").orElseThrow().urn());
        assertEquals(Optional.empty(), probed.of(Map.of("target", "www.example.com"), "default"), "not a cluster service");
    }

    private static void assertMessage(String start, String json) {
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> PromQueryTemplates.fromJson(json, PromQueryTemplates.DEFAULTS));
        assertTrue(bad.getMessage().startsWith(start), bad.getMessage());
    }
}
