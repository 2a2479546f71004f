package io.rootscope.workload.topology;

/**
 * Resource and performance characteristics of one service's container in normal operation.
 *
 * @param ownLatencyMs        mean processing time per request, excluding downstream calls
 * @param cpuSecondsPerRequest CPU time spent per processed request
 * @param idleCores           CPU used with no traffic (runtime threads, health checks)
 * @param cpuLimitCores       container CPU limit; utilisation against it drives queueing delay
 * @param memoryBaselineBytes resident memory of a warmed-up container
 * @param memoryLimitBytes    container memory limit; reaching it gets the container OOM-killed
 * @param fsReadBytesPerRequest  bytes read from the container filesystem per request
 * @param fsWriteBytesPerRequest bytes written to the container filesystem per request
 */
public record ServiceProfile(
        double ownLatencyMs,
        double cpuSecondsPerRequest,
        double idleCores,
        double cpuLimitCores,
        long memoryBaselineBytes,
        long memoryLimitBytes,
        double fsReadBytesPerRequest,
        double fsWriteBytesPerRequest) {

    public ServiceProfile {
        if (ownLatencyMs <= 0) {
            throw new IllegalArgumentException("ownLatencyMs must be > 0, got " + ownLatencyMs);
        }
        if (cpuSecondsPerRequest < 0 || idleCores < 0) {
            throw new IllegalArgumentException("CPU demand must be >= 0");
        }
        if (cpuLimitCores <= 0) {
            throw new IllegalArgumentException("cpuLimitCores must be > 0, got " + cpuLimitCores);
        }
        if (memoryBaselineBytes <= 0 || memoryLimitBytes <= memoryBaselineBytes) {
            throw new IllegalArgumentException(
                    "need 0 < memoryBaselineBytes < memoryLimitBytes, got " + memoryBaselineBytes + ", " + memoryLimitBytes);
        }
        if (fsReadBytesPerRequest < 0 || fsWriteBytesPerRequest < 0) {
            throw new IllegalArgumentException("filesystem bytes per request must be >= 0");
        }
    }
}
