package io.rootscope.workload.sim;

import java.util.Map;
import java.util.function.Predicate;

/** AutoMAP-style service metrics computed from the counters of two snapshots, like PromQL's rate(). */
record Window(SimulationSnapshot from, SimulationSnapshot to) {

    double seconds() {
        return (to.time().toEpochMilli() - from.time().toEpochMilli()) / 1000.0;
    }

    /** Requests per second into {@code service} as reported by {@code reporter}. */
    double throughput(String service, String reporter) {
        return delta(s -> s.destinationWorkload().equals(service) && s.reporter().equals(reporter), false)
                / seconds();
    }

    /** Mean latency of requests into {@code service} as reported by {@code reporter}. */
    double latencyMs(String service, String reporter) {
        Predicate<RequestSeries> into = s -> s.destinationWorkload().equals(service) && s.reporter().equals(reporter);
        return delta(into, true) / delta(into, false);
    }

    /** Share of requests into {@code service} answered 2xx, as reported by {@code reporter}. */
    double availability(String service, String reporter) {
        Predicate<RequestSeries> into = s -> s.destinationWorkload().equals(service) && s.reporter().equals(reporter);
        return delta(into.and(s -> s.responseCode().startsWith("2")), false) / delta(into, false);
    }

    /** Share of requests made by {@code caller} that failed, as its own sidecar saw them. */
    double callerErrorRate(String caller) {
        Predicate<RequestSeries> out = s -> s.sourceWorkload().equals(caller) && s.reporter().equals(RequestSeries.SOURCE);
        return delta(out.and(s -> !s.responseCode().startsWith("2")), false) / delta(out, false);
    }

    double cpuCores(String service) {
        return (pod(to, service).cpuSecondsTotal() - pod(from, service).cpuSecondsTotal()) / seconds();
    }

    double memoryBytes(String service) {
        return pod(to, service).memoryBytes();
    }

    double retransmitsPerSecond(String host) {
        return (host(to, host).tcpRetransSegsTotal() - host(from, host).tcpRetransSegsTotal()) / seconds();
    }

    private double delta(Predicate<RequestSeries> filter, boolean sum) {
        return total(to.requests(), filter, sum) - total(from.requests(), filter, sum);
    }

    private static double total(Map<RequestSeries, LatencyHistogram.Snapshot> requests,
            Predicate<RequestSeries> filter, boolean sum) {
        return requests.entrySet().stream().filter(e -> filter.test(e.getKey()))
                .mapToDouble(e -> sum ? e.getValue().sumMs() : e.getValue().count()).sum();
    }

    static PodSample pod(SimulationSnapshot snapshot, String service) {
        return snapshot.pods().stream().filter(p -> p.service().equals(service)).findFirst().orElseThrow();
    }

    static HostSample host(SimulationSnapshot snapshot, String host) {
        return snapshot.hosts().stream().filter(h -> h.host().equals(host)).findFirst().orElseThrow();
    }
}
