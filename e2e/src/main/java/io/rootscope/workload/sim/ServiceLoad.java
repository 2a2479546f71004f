package io.rootscope.workload.sim;

/**
 * A service's expected behaviour during one tick.
 *
 * @param offeredRate      requests per second sent to the service
 * @param processedRate    requests per second it actually processes (not aborted, pod ready)
 * @param cpuCores         CPU cores the container uses (demand plus stressors, capped at the limit)
 * @param ownLatencyMs     mean time a processed request spends in the service itself
 * @param meanLatencyMs    mean server-side duration of a processed request, downstream calls included
 * @param errorProbability probability that a processed request ends in a 5xx
 * @param abortRate        fraction of requests answered 500 by an injected abort before processing
 * @param throwRate        fraction of processed requests in which the code throws (failing without their calls)
 * @param ready            whether the pod accepts requests
 */
public record ServiceLoad(
        String service,
        double offeredRate,
        double processedRate,
        double cpuCores,
        double ownLatencyMs,
        double meanLatencyMs,
        double errorProbability,
        double abortRate,
        double throwRate,
        boolean ready) {
}
