package io.rootscope.backend.etl.prometheus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rootscope.backend.etl.write.ObservedResource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PromQueryTemplatesTest {

    @Test
    void defaultsAreTheAutoMapSetPlusHostMetrics() {
        assertEquals(List.of("latency", "throughput", "congestion", "availability", "error_rate", "cpu", "io_read", "io_write", "memory",
                "host_cpu", "host_memory"), PromQueryTemplates.DEFAULTS.stream().map(MetricQuery::metric).toList());
        String byReporter = "sum by (destination_workload, destination_workload_namespace) (rate(istio_request_duration_milliseconds_sum{reporter=\"%1$s\"}[1m]))"
                + " / sum by (destination_workload, destination_workload_namespace) (rate(istio_request_duration_milliseconds_count{reporter=\"%1$s\"}[1m]))";
        assertEquals("(" + byReporter.formatted("source") + ") or (" + byReporter.formatted("destination") + ")",
                PromQueryTemplates.DEFAULTS.get(0).promql(), "the callers' view, else the service's own");
    }

    @Test
    void jsonReplacesDefinesAndDropsTemplates() {
        List<MetricQuery> queries = PromQueryTemplates.fromJson("""
                {"latency": "histogram_quantile(0.95, sum by (le, app) (rate(x_bucket[1m])))",
                 "memory": null,
                 "queue_depth": {"promql": "max by (queue, ns) (q)", "resource": "workload", "name_label": "queue", "namespace_label": "ns"},
                 "disk": {"promql": "node_disk", "resource": "host", "name_label": "node"}}""");
        List<String> metrics = queries.stream().map(MetricQuery::metric).toList();
        assertEquals(12, metrics.size(), metrics.toString());
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
        assertMessage("disk.resource: must be 'workload' or 'host'", "{\"disk\": {\"promql\": \"x\", \"resource\": \"pod\", \"name_label\": \"n\"}}");
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
    }

    private static void assertMessage(String start, String json) {
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> PromQueryTemplates.fromJson(json));
        assertTrue(bad.getMessage().startsWith(start), bad.getMessage());
    }
}
