package io.rootscope.workload.sim;

/**
 * Synthetic probes of one service, as the blackbox exporter (HTTP and ICMP modules) and a ping exporter report
 * them; durations in seconds.
 *
 * @param httpStatusCode 0 when no response was received
 * @param pingLossRatio  share of the tick's pings left unanswered
 */
public record ProbeSample(
        String service,
        String target,
        String ip,
        boolean httpSuccess,
        int httpStatusCode,
        double dnsLookupSeconds,
        double connectSeconds,
        double processingSeconds,
        double transferSeconds,
        boolean icmpSuccess,
        double icmpRttSeconds,
        double pingRttMeanSeconds,
        double pingLossRatio) {

    public double httpDurationSeconds() {
        return dnsLookupSeconds + connectSeconds + processingSeconds + transferSeconds;
    }
}
