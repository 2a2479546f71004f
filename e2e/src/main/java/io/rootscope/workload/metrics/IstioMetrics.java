package io.rootscope.workload.metrics;

import io.rootscope.workload.sim.LatencyHistogram;
import io.rootscope.workload.sim.RequestSeries;
import io.rootscope.workload.topology.Topology;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Istio standard metrics: {@code istio_requests_total} and {@code istio_request_duration_milliseconds}. */
final class IstioMetrics {

    private static final Comparator<RequestSeries> ORDER = Comparator.comparing(RequestSeries::reporter)
            .thenComparing(RequestSeries::sourceWorkload)
            .thenComparing(RequestSeries::destinationWorkload)
            .thenComparing(RequestSeries::responseCode)
            .thenComparing(RequestSeries::responseFlags);

    private IstioMetrics() {
    }

    static void write(ExpositionWriter out, Map<RequestSeries, LatencyHistogram.Snapshot> requests, Topology topology) {
        List<Map.Entry<RequestSeries, LatencyHistogram.Snapshot>> series = requests.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(ORDER))
                .toList();
        out.family("istio_requests_total", "counter", "Total number of requests handled by an Istio proxy.");
        for (var entry : series) {
            out.sample("istio_requests_total", labels(entry.getKey(), topology), entry.getValue().count());
        }
        out.family("istio_request_duration_milliseconds", "histogram", "Duration of requests in milliseconds.");
        for (var entry : series) {
            Labels labels = labels(entry.getKey(), topology);
            LatencyHistogram.Snapshot histogram = entry.getValue();
            for (int i = 0; i < LatencyHistogram.BUCKETS_MS.size(); i++) {
                out.sample("istio_request_duration_milliseconds_bucket",
                        labels.copy().and("le", ExpositionWriter.format(LatencyHistogram.BUCKETS_MS.get(i))),
                        histogram.cumulativeCounts().get(i));
            }
            out.sample("istio_request_duration_milliseconds_bucket", labels.copy().and("le", "+Inf"),
                    histogram.count());
            out.sample("istio_request_duration_milliseconds_sum", labels, histogram.sumMs());
            out.sample("istio_request_duration_milliseconds_count", labels, histogram.count());
        }
    }

    private static Labels labels(RequestSeries series, Topology topology) {
        String namespace = topology.namespace();
        boolean fromOutside = series.sourceWorkload().equals(RequestSeries.OUTSIDE_MESH);
        String sourceNamespace = fromOutside ? RequestSeries.OUTSIDE_MESH : namespace;
        String destination = series.destinationWorkload();
        boolean destinationReport = series.reporter().equals(RequestSeries.DESTINATION);
        return Labels.of("reporter", series.reporter())
                .and("source_workload", series.sourceWorkload())
                .and("source_workload_namespace", sourceNamespace)
                .and("source_app", series.sourceWorkload())
                .and("source_canonical_service", series.sourceWorkload())
                .and("destination_workload", destination)
                .and("destination_workload_namespace", namespace)
                .and("destination_app", destination)
                .and("destination_canonical_service", destination)
                .and("destination_service", topology.service(destination).fqdn(namespace))
                .and("destination_service_name", destination)
                .and("destination_service_namespace", namespace)
                .and("request_protocol", "http")
                .and("response_code", series.responseCode())
                .and("response_flags", series.responseFlags())
                .and("connection_security_policy", destinationReport && !fromOutside ? "mutual_tls" : "unknown");
    }
}
