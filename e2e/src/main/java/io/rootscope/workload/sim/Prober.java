package io.rootscope.workload.sim;

import java.util.Random;

/**
 * Probes each service once per tick the way a blackbox exporter HTTP probe and an ICMP pinger would: DNS
 * lookup through CoreDNS, TCP connect (SYN-ACK leaves the target, so it carries the target's egress delay and a
 * lost SYN-ACK costs the initial 1 s SYN retransmission timeout), then the request.
 */
final class Prober {

    static final double BASE_RTT_SECONDS = 0.00025;
    static final double SYN_RETRANSMIT_SECONDS = 1.0;
    static final int PINGS_PER_TICK = 10;

    private final Random random;

    Prober(Random random) {
        this.random = random;
    }

    ProbeSample probe(String target, PodSample pod, ServiceLoad load, ServiceConditions conditions) {
        double delay = conditions.egressDelayMs() / 1000;
        double loss = conditions.egressLoss();
        double dns = Sampling.logNormal(random, 0.0012, 0.4);
        double rtt = Sampling.logNormal(random, BASE_RTT_SECONDS, 0.3) + delay;
        int answered = 0;
        for (int i = 0; i < PINGS_PER_TICK; i++) {
            if (pod.ready() && random.nextDouble() >= loss) {
                answered++;
            }
        }
        double pingLoss = 1 - (double) answered / PINGS_PER_TICK;
        boolean icmpSuccess = pod.ready() && random.nextDouble() >= loss;
        if (!pod.ready()) {
            // Connection refused: the service has no ready endpoint.
            return new ProbeSample(load.service(), target, pod.ip(), false, 0, dns, rtt, 0, 0, false, 0, rtt, 1.0);
        }
        double connect = rtt + (random.nextDouble() < loss ? SYN_RETRANSMIT_SECONDS : 0);
        boolean aborted = random.nextDouble() < load.abortRate();
        double processing = (aborted ? TrafficModel.FAST_FAILURE_MS : Sampling.logNormal(random, load.meanLatencyMs(),
                RequestSampler.LATENCY_SPREAD)) / 1000 + delay
                + Retransmission.sample(random, loss).penaltyMs() / 1000;
        double transfer = Sampling.logNormal(random, 0.00005, 0.3);
        int status = aborted ? 500 : 200;
        return new ProbeSample(load.service(), target, pod.ip(), !aborted, status, dns, connect, processing, transfer,
                icmpSuccess, icmpSuccess ? rtt : 0, rtt, pingLoss);
    }
}
