package io.rootscope.workload.sim;

import io.rootscope.workload.topology.Call;

/**
 * One call edge's expected behaviour during a tick.
 *
 * @param rate                requests per second from caller to callee
 * @param requestLoss         loss probability of packets caller to callee
 * @param responseLoss        loss probability of packets callee to caller
 * @param networkDelayMs      injected delay added to one exchange (request and response legs)
 * @param meanClientLatencyMs mean duration as the caller sees it
 * @param failureProbability  probability that the caller sees the call fail
 */
public record EdgeLoad(
        Call call,
        double rate,
        double requestLoss,
        double responseLoss,
        double networkDelayMs,
        double meanClientLatencyMs,
        double failureProbability) {
}
