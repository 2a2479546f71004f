package io.rootscope.workload.metrics;

import io.rootscope.workload.sim.HostSample;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * node-exporter host metrics of every node, all on the simulator's one endpoint, so each carries the node's name
 * as {@code instance} (kube-prometheus relabels node-exporter's {@code instance} to the node name the same way);
 * Prometheus keeps it with {@code honor_labels: true}.
 */
final class NodeMetrics {

    static final String NETWORK_DEVICE = "eth0";
    static final String DISK_DEVICE = "sda";

    private NodeMetrics() {
    }

    static void write(ExpositionWriter out, List<HostSample> hosts) {
        out.family("node_cpu_seconds_total", "counter", "Seconds the CPUs spent in each mode.");
        for (HostSample host : hosts) {
            for (int cpu = 0; cpu < host.cpuSecondsByMode().size(); cpu++) {
                for (Map.Entry<String, Double> mode : host.cpuSecondsByMode().get(cpu).entrySet()) {
                    out.sample("node_cpu_seconds_total", Labels.of("instance", host.host())
                            .and("cpu", Integer.toString(cpu)).and("mode", mode.getKey()), mode.getValue());
                }
            }
        }
        perHost(out, hosts, "node_memory_MemTotal_bytes", "gauge", "Memory information field MemTotal_bytes.",
                HostSample::memoryTotalBytes, null);
        perHost(out, hosts, "node_memory_MemAvailable_bytes", "gauge", "Memory information field MemAvailable_bytes.",
                HostSample::memoryAvailableBytes, null);
        perHost(out, hosts, "node_network_receive_bytes_total", "counter",
                "Network device statistic receive_bytes.", HostSample::networkReceiveBytesTotal, NETWORK_DEVICE);
        perHost(out, hosts, "node_network_transmit_bytes_total", "counter",
                "Network device statistic transmit_bytes.", HostSample::networkTransmitBytesTotal, NETWORK_DEVICE);
        perHost(out, hosts, "node_disk_read_bytes_total", "counter", "The total number of bytes read successfully.",
                HostSample::diskReadBytesTotal, DISK_DEVICE);
        perHost(out, hosts, "node_disk_written_bytes_total", "counter", "The total number of bytes written successfully.",
                HostSample::diskWrittenBytesTotal, DISK_DEVICE);
        perHost(out, hosts, "node_netstat_Tcp_OutSegs", "untyped", "Statistic TcpOutSegs.",
                HostSample::tcpOutSegsTotal, null);
        perHost(out, hosts, "node_netstat_Tcp_RetransSegs", "untyped", "Statistic TcpRetransSegs.",
                HostSample::tcpRetransSegsTotal, null);
    }

    private static void perHost(ExpositionWriter out, List<HostSample> hosts, String name, String type, String help,
            ToDoubleFunction<HostSample> value, String device) {
        out.family(name, type, help);
        for (HostSample host : hosts) {
            Labels labels = Labels.of("instance", host.host());
            if (device != null) {
                labels.and("device", device);
            }
            out.sample(name, labels, value.applyAsDouble(host));
        }
    }
}
