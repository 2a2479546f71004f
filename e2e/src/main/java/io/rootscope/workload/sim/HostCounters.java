package io.rootscope.workload.sim;

import io.rootscope.workload.topology.Host;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** A node's node-exporter counters, advanced from the pods it runs. */
final class HostCounters {

    /** Kubelet, container runtime, kube-proxy and the OS. */
    static final double SYSTEM_CORES = 0.15;
    static final double SYSTEM_MEMORY_BYTES = 1.5 * 1024 * 1024 * 1024;
    /** Share of busy time spent in the kernel (network stack, syscalls). */
    static final double SYSTEM_MODE_SHARE = 0.18;
    static final double SOFTIRQ_MODE_SHARE = 0.03;
    static final double IOWAIT_SHARE_OF_IDLE = 0.004;

    private final Host host;
    private final Random random;
    private final List<Map<String, Double>> cpuSeconds = new ArrayList<>();
    private final Ar1Noise pageCacheNoise;
    private double memoryAvailable;
    private double receiveBytes;
    private double transmitBytes;
    private double outSegs;
    private double retransSegs;
    private double diskReadBytes;
    private double diskWrittenBytes;
    /** Each pod's file-system counters at the previous tick, to add what it did since to the node's disks. */
    private final Map<String, PodSample> previousPods = new HashMap<>();

    HostCounters(Host host, Random random) {
        this.host = host;
        this.random = random;
        this.pageCacheNoise = new Ar1Noise(random, 0.98, 0.02);
        // A node that has been up for a while: counters do not start at zero.
        double uptime = 86_400 * (1 + random.nextDouble());
        for (int cpu = 0; cpu < host.cores(); cpu++) {
            Map<String, Double> modes = new LinkedHashMap<>();
            modes.put("idle", uptime * 0.9);
            modes.put("iowait", uptime * 0.003);
            modes.put("irq", 0.0);
            modes.put("nice", 0.0);
            modes.put("softirq", uptime * 0.002);
            modes.put("steal", 0.0);
            modes.put("system", uptime * 0.02);
            modes.put("user", uptime * 0.075);
            cpuSeconds.add(modes);
        }
        memoryAvailable = host.memoryBytes() - SYSTEM_MEMORY_BYTES;
    }

    /** One tick in which the node's {@code pods} used {@code podCores}. */
    void advance(double seconds, double podCores, List<PodSample> pods, NetworkTally network) {
        double podMemoryBytes = pods.stream().mapToDouble(PodSample::memoryBytes).sum();
        double busy = SYSTEM_CORES + podCores;
        double perCpuBusy = Math.min(1.0, busy / host.cores());
        for (Map<String, Double> modes : cpuSeconds) {
            double cpuBusy = Math.max(0, Math.min(1.0, perCpuBusy * (1 + 0.1 * random.nextGaussian()))) * seconds;
            double idle = seconds - cpuBusy;
            modes.merge("user", cpuBusy * (1 - SYSTEM_MODE_SHARE - SOFTIRQ_MODE_SHARE), Double::sum);
            modes.merge("system", cpuBusy * SYSTEM_MODE_SHARE, Double::sum);
            modes.merge("softirq", cpuBusy * SOFTIRQ_MODE_SHARE, Double::sum);
            modes.merge("iowait", idle * IOWAIT_SHARE_OF_IDLE, Double::sum);
            modes.merge("idle", idle * (1 - IOWAIT_SHARE_OF_IDLE), Double::sum);
        }
        // Page cache counts as available, except for a slowly wandering share of dirty pages.
        double dirtyPages = 0.02 * host.memoryBytes() * (1 + pageCacheNoise.next());
        memoryAvailable = host.memoryBytes() - SYSTEM_MEMORY_BYTES - podMemoryBytes - dirtyPages;
        for (PodSample pod : pods) {
            String service = pod.service();
            receiveBytes += network.receivedBytes(service);
            transmitBytes += network.sentBytes(service);
            outSegs += network.segmentsOut(service);
            retransSegs += network.retransmits(service);
            PodSample previous = previousPods.put(service, pod);
            // A replaced pod's or restarted container's counters start again from zero: all of them are new I/O.
            boolean same = previous != null && previous.pod().equals(pod.pod()) && pod.fsReadBytesTotal() >= previous.fsReadBytesTotal();
            diskReadBytes += pod.fsReadBytesTotal() - (same ? previous.fsReadBytesTotal() : 0);
            diskWrittenBytes += pod.fsWriteBytesTotal() - (same ? previous.fsWriteBytesTotal() : 0);
        }
    }

    HostSample sample() {
        return new HostSample(host.name(), cpuSeconds, host.memoryBytes(), memoryAvailable, receiveBytes,
                transmitBytes, outSegs, retransSegs, diskReadBytes, diskWrittenBytes);
    }
}
