package io.rootscope.analytics.rca.multimodal;

import io.rootscope.analytics.rca.EvidenceItem;

import java.util.List;
import java.util.Set;

/**
 * Failing spans: the share of a service's spans that failed on their own (marked failed by the source, no failed
 * child), anomalous minus normal. Errors travel from callee to caller, so only where a failure starts counts. Sources
 * without a span status (the share stays zero everywhere) leave this channel silent. Resolution: one percentage point.
 */
final class SpanErrorChannel {

    static final String NAME = "span_errors";
    private static final double RESOLUTION = 0.01;

    private SpanErrorChannel() {
    }

    static Channel of(TracePeriod normal, TracePeriod anomalous, Set<String> services) {
        Channel channel = new Channel(NAME, RESOLUTION);
        for (String service : services) {
            int spans = anomalous.spanCounts.getOrDefault(service, 0);
            if (spans == 0) {
                continue;
            }
            double after = share(anomalous, service);
            double before = share(normal, service);
            channel.score(service, after - before);
            TracePeriod.Samples failed = anomalous.ownFailures.get(service);
            if (failed != null && after > before) {
                channel.finding(new EvidenceItem(service, EvidenceItem.Kind.OPERATION, "failed spans",
                        String.format("%.1f%% → %.1f%% of its spans fail on their own", 100 * before, 100 * after),
                        after - before, List.of(failed.largestTrace())));
            }
        }
        return channel;
    }

    private static double share(TracePeriod period, String service) {
        int spans = period.spanCounts.getOrDefault(service, 0);
        TracePeriod.Samples failed = period.ownFailures.get(service);
        return spans == 0 || failed == null ? 0 : (double) failed.size() / spans;
    }
}
