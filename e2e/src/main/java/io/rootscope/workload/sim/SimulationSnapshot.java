package io.rootscope.workload.sim;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Everything the metrics endpoint exposes, as of the end of one tick. Immutable. */
public record SimulationSnapshot(
        Instant time,
        Map<RequestSeries, LatencyHistogram.Snapshot> requests,
        List<PodSample> pods,
        List<HostSample> hosts,
        List<ProbeSample> probes) {

    public SimulationSnapshot {
        requests = Map.copyOf(requests);
        pods = List.copyOf(pods);
        hosts = List.copyOf(hosts);
        probes = List.copyOf(probes);
    }
}
