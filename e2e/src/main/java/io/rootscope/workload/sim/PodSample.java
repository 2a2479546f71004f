package io.rootscope.workload.sim;

/**
 * A pod's container as cAdvisor and kube-state-metrics report it; counters are since the container started.
 */
public record PodSample(
        String service,
        String pod,
        String host,
        String ip,
        double cpuSecondsTotal,
        double memoryBytes,
        double fsReadBytesTotal,
        double fsWriteBytesTotal,
        int restarts,
        boolean ready) {
}
