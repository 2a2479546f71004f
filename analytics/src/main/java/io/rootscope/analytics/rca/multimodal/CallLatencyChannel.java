package io.rootscope.analytics.rca.multimodal;

import io.rootscope.analytics.rca.EvidenceItem;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Call latency: how much longer callers wait for a service beyond its own span (network and queueing), the log ratio
 * of a quantile of each call's gap, anomalous over normal. A delay on one service widens the gaps of all calls into it
 * while its self time stays flat; a slow caller widens the gaps of all its calls out. So each widened call is credited
 * to the endpoint whose other calls widened too (the larger sum of widening into the callee or out of the caller) and
 * a service scores its most widened credited call.
 */
final class CallLatencyChannel {

    static final String NAME = "call_latency";

    private CallLatencyChannel() {
    }

    static Channel of(TracePeriod normal, TracePeriod anomalous, Set<String> services, MultimodalConfig config) {
        double offset = typical(normal);
        Map<TracePeriod.Call, Double> widening = new HashMap<>();
        Map<String, Double> into = new HashMap<>();
        Map<String, Double> outOf = new HashMap<>();
        anomalous.callGaps.forEach((call, is) -> {
            TracePeriod.Samples was = normal.callGaps.get(call);
            if (was == null) {
                return;
            }
            double change = config.credibility(Math.min(was.size(), is.size())) * Math.log((is.quantile(config.quantile()) + offset)
                    / (was.quantile(config.quantile()) + offset));
            widening.put(call, change);
            into.merge(call.callee(), Math.max(0, change), Double::sum);
            outOf.merge(call.caller(), Math.max(0, change), Double::sum);
        });
        Channel channel = new Channel(NAME, config.resolution());
        Map<String, Double> best = new HashMap<>();
        widening.forEach((call, change) -> {
            boolean callee = into.get(call.callee()) >= outOf.get(call.caller());
            String blamed = callee ? call.callee() : call.caller();
            best.merge(blamed, change, Math::max);
            // Both endpoints are scored: a call that did not widen clears them.
            best.putIfAbsent(callee ? call.caller() : call.callee(), 0.0);
            if (change > 0) {
                TracePeriod.Samples was = normal.callGaps.get(call);
                TracePeriod.Samples is = anomalous.callGaps.get(call);
                channel.finding(new EvidenceItem(blamed, EvidenceItem.Kind.CALL,
                        call.caller() + " -> " + call.callee(),
                        String.format("wait beyond the callee's span %.1f ms → %.1f ms (%d → %d calls)",
                                was.quantile(config.quantile()) / 1000, is.quantile(config.quantile()) / 1000,
                                was.size(), is.size()),
                        change, List.of(is.largestTrace())));
            }
        });
        best.forEach((service, score) -> {
            if (services.contains(service)) {
                channel.score(service, score);
            }
        });
        return channel;
    }

    /** The median gap of all calls of the normal period. */
    private static double typical(TracePeriod normal) {
        TracePeriod.Samples all = new TracePeriod.Samples();
        normal.callGaps.values().forEach(s -> {
            for (double v : s.values()) {
                all.add(v, null);
            }
        });
        return all.size() == 0 ? 0 : all.quantile(0.5);
    }
}
