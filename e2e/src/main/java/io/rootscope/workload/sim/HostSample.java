package io.rootscope.workload.sim;

import java.util.List;
import java.util.Map;

/**
 * A node as node-exporter reports it; counters are since boot.
 *
 * @param cpuSecondsByMode per CPU (index = cpu number), seconds spent in each mode
 */
public record HostSample(
        String host,
        List<Map<String, Double>> cpuSecondsByMode,
        double memoryTotalBytes,
        double memoryAvailableBytes,
        double networkReceiveBytesTotal,
        double networkTransmitBytesTotal,
        double tcpOutSegsTotal,
        double tcpRetransSegsTotal,
        double diskReadBytesTotal,
        double diskWrittenBytesTotal) {

    public HostSample {
        cpuSecondsByMode = cpuSecondsByMode.stream().map(Map::copyOf).toList();
    }
}
