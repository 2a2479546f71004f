package io.rootscope.analytics.rca.multimodal;

import io.rootscope.analytics.rca.EvidenceItem;
import org.apache.commons.math3.stat.descriptive.rank.Median;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Call latency: how much longer callers wait for a service beyond its own span (network and queueing), the log ratio
 * of a quantile of each call's gap, anomalous over normal. A delay on one service widens the gaps of all calls into it
 * while its self time stays flat; a slow caller widens the gaps of all its calls out. So each widened call is credited
 * to the endpoint whose other calls widened too, the callee unless the caller's other calls widened more, and a service
 * scores its most widened credited call.
 */
final class CallLatencyChannel {

    static final String NAME = "call_latency";

    private CallLatencyChannel() {
    }

    static Channel of(TracePeriod normal, TracePeriod anomalous, Set<String> services, MultimodalConfig config) {
        // The median gap of all calls of the normal period.
        double offset = TracePeriod.Samples.medianOfAll(normal.callGaps.values());
        Map<TracePeriod.Call, Double> widening = new HashMap<>();
        anomalous.callGaps.forEach((call, is) -> {
            TracePeriod.Samples was = normal.callGaps.get(call);
            if (was != null) {
                widening.put(call, config.credibility(Math.min(was.size(), is.size()))
                        * Math.log((is.quantile(config.quantile()) + offset) / (was.quantile(config.quantile()) + offset)));
            }
        });
        Channel channel = new Channel(NAME, config.resolution());
        Map<String, Double> best = new HashMap<>();
        widening.forEach((call, change) -> {
            // The caller is blamed only when its other calls widened as much as the other calls into the callee, and at
            // least half as much as this one; by default the wait is on the callee's side.
            double callerOthers = medianOfOthers(widening, call, c -> c.caller().equals(call.caller()));
            double calleeOthers = medianOfOthers(widening, call, c -> c.callee().equals(call.callee()));
            boolean caller = callerOthers > Math.max(calleeOthers, change / 2);
            String blamed = caller ? call.caller() : call.callee();
            best.merge(blamed, change, Math::max);
            // Both endpoints are scored: a call that did not widen clears them.
            best.putIfAbsent(caller ? call.callee() : call.caller(), 0.0);
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

    /** The median widening (0 for a call that narrowed) of the other calls that share an endpoint; 0 when none. */
    private static double medianOfOthers(Map<TracePeriod.Call, Double> widening, TracePeriod.Call call,
                                         Predicate<TracePeriod.Call> sharing) {
        double[] others = widening.entrySet().stream()
                .filter(e -> !e.getKey().equals(call) && sharing.test(e.getKey()))
                .mapToDouble(e -> Math.max(0, e.getValue())).toArray();
        return others.length == 0 ? 0 : new Median().evaluate(others);
    }
}
