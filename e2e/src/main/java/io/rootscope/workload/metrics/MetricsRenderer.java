package io.rootscope.workload.metrics;

import io.rootscope.workload.sim.SimulationSnapshot;
import io.rootscope.workload.topology.Topology;

/**
 * Renders a simulation snapshot as one Prometheus scrape combining what Istio, cAdvisor, kube-state-metrics,
 * node-exporter, the blackbox exporter and a ping exporter would each expose.
 */
public final class MetricsRenderer {

    private final Topology topology;

    public MetricsRenderer(Topology topology) {
        this.topology = topology;
    }

    public String render(SimulationSnapshot snapshot) {
        ExpositionWriter out = new ExpositionWriter();
        IstioMetrics.write(out, snapshot.requests(), topology);
        KubernetesMetrics.write(out, snapshot.pods(), topology);
        NodeMetrics.write(out, snapshot.hosts());
        ProbeMetrics.write(out, snapshot.probes());
        return out.text();
    }
}
