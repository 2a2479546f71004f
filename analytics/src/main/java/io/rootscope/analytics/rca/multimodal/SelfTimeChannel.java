package io.rootscope.analytics.rca.multimodal;

import io.rootscope.analytics.rca.EvidenceItem;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Self time: how much slower a service's own work became, the log ratio of a quantile of each operation's self time,
 * anomalous over normal, averaged over the service's operations weighted by √(spans). A resource fault (a CPU hog)
 * slows every operation of the service; its callers' self time stays, since a child's interval is not theirs. Both
 * quantiles are offset by the case's typical self time, so microsecond operations cannot make large ratios.
 */
final class SelfTimeChannel {

    static final String NAME = "span_self_time";
    private static final int FINDINGS_PER_SERVICE = 2;

    private SelfTimeChannel() {
    }

    static Channel of(TracePeriod normal, TracePeriod anomalous, Set<String> services, MultimodalConfig config) {
        // The median self time of all spans of the normal period.
        double offset = TracePeriod.Samples.medianOfAll(normal.selfTimes.values().stream()
                .flatMap(ops -> ops.values().stream()).toList());
        Channel channel = new Channel(NAME, config.resolution());
        for (String service : services) {
            Map<String, TracePeriod.Samples> before = normal.selfTimes.get(service);
            Map<String, TracePeriod.Samples> after = anomalous.selfTimes.get(service);
            if (before == null || after == null) {
                continue;
            }
            double sum = 0;
            double weights = 0;
            List<EvidenceItem> findings = new ArrayList<>();
            for (Map.Entry<String, TracePeriod.Samples> operation : after.entrySet()) {
                TracePeriod.Samples was = before.get(operation.getKey());
                TracePeriod.Samples is = operation.getValue();
                if (was == null) {
                    continue;
                }
                double from = was.quantile(config.quantile());
                double to = is.quantile(config.quantile());
                double change = config.credibility(Math.min(was.size(), is.size()))
                        * Math.log((to + offset) / (from + offset));
                double weight = Math.sqrt(Math.min(was.size(), is.size()));
                sum += weight * change;
                weights += weight;
                findings.add(new EvidenceItem(service, EvidenceItem.Kind.OPERATION, operation.getKey(),
                        String.format("self time %.1f ms → %.1f ms (%d → %d spans)", from / 1000, to / 1000,
                                was.size(), is.size()),
                        change, List.of(is.largestTrace())));
            }
            if (weights > 0) {
                channel.score(service, sum / weights);
                findings.stream().filter(f -> f.score() > 0)
                        .sorted(Comparator.comparingDouble(EvidenceItem::score).reversed())
                        .limit(FINDINGS_PER_SERVICE).forEach(channel::finding);
            }
        }
        return channel;
    }
}
