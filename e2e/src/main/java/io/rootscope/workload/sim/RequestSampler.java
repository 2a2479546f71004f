package io.rootscope.workload.sim;

import java.util.Random;

/**
 * Draws one tick's individual requests from a {@link TrafficPlan} and records them as the two Istio sidecars
 * would: the destination sidecar times the server's work, the source sidecar additionally sees network delay,
 * retransmissions and connection failures. Requests from outside the mesh have only a destination report; a
 * pod that is down has no sidecar and so no destination report either.
 */
public final class RequestSampler {

    /** Spread of individual request durations around their mean (log scale). */
    public static final double LATENCY_SPREAD = 0.35;

    private final Random random;

    public RequestSampler(Random random) {
        this.random = random;
    }

    public void sample(TrafficPlan plan, String entryService, double seconds, IstioCounters istio, NetworkTally network) {
        ServiceLoad entry = plan.service(entryService);
        int external = entry.ready() ? Sampling.poisson(random, plan.entryRate() * seconds) : 0;
        for (int i = 0; i < external; i++) {
            network.external(entryService);
            Outcome outcome = serve(entry);
            istio.observe(new RequestSeries(RequestSeries.DESTINATION, RequestSeries.OUTSIDE_MESH, entryService,
                    outcome.code, "-"), outcome.durationMs);
        }
        for (EdgeLoad edge : plan.edges()) {
            ServiceLoad callee = plan.service(edge.call().callee());
            int calls = Sampling.poisson(random, edge.rate() * seconds);
            for (int i = 0; i < calls; i++) {
                call(edge, callee, istio, network);
            }
        }
    }

    private void call(EdgeLoad edge, ServiceLoad callee, IstioCounters istio, NetworkTally network) {
        String caller = edge.call().caller();
        String calleeName = callee.service();
        if (!callee.ready()) {
            network.call(caller, calleeName, false, 0, 0);
            report(istio, RequestSeries.SOURCE, edge, "503", "UH",
                    Sampling.logNormal(random, TrafficModel.FAST_FAILURE_MS, LATENCY_SPREAD));
            return;
        }
        Retransmission request = Retransmission.sample(random, edge.requestLoss());
        double clientOverhead = TrafficModel.MESH_OVERHEAD_MS * (0.7 + 0.6 * random.nextDouble())
                + edge.networkDelayMs() + request.penaltyMs();
        if (request.failed()) {
            network.call(caller, calleeName, false, request.retransmits(), 0);
            report(istio, RequestSeries.SOURCE, edge, "503", "UF", clientOverhead);
            return;
        }
        Outcome outcome = serve(callee);
        report(istio, RequestSeries.DESTINATION, edge, outcome.code, "-", outcome.durationMs);
        Retransmission response = Retransmission.sample(random, edge.responseLoss());
        network.call(caller, calleeName, true, request.retransmits(), response.retransmits());
        double clientDuration = outcome.durationMs + clientOverhead + response.penaltyMs();
        if (response.failed()) {
            report(istio, RequestSeries.SOURCE, edge, "503", "UF", clientDuration);
        } else {
            report(istio, RequestSeries.SOURCE, edge, outcome.code, "-", clientDuration);
        }
    }

    private Outcome serve(ServiceLoad service) {
        if (random.nextDouble() < service.abortRate()) {
            return new Outcome("500", Sampling.logNormal(random, TrafficModel.FAST_FAILURE_MS, LATENCY_SPREAD));
        }
        double duration = Sampling.logNormal(random, service.meanLatencyMs(), LATENCY_SPREAD);
        return new Outcome(random.nextDouble() < service.errorProbability() ? "500" : "200", duration);
    }

    private static void report(IstioCounters istio, String reporter, EdgeLoad edge, String code, String flags,
            double durationMs) {
        istio.observe(new RequestSeries(reporter, edge.call().caller(), edge.call().callee(), code, flags), durationMs);
    }

    private record Outcome(String code, double durationMs) {
    }
}
