package io.rootscope.analytics.rca.multimodal;

import io.rootscope.analytics.logs.LogTemplate;
import io.rootscope.analytics.rca.EvidenceItem;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;

/**
 * Error logs: how many more error lines per second a service writes in the anomalous period than in the normal one.
 * Code faults (a method that throws, a wrong return value) show here while metrics stay flat. A rate difference, not a
 * ratio: a service that never logged errors and now logs one a minute has not changed as much as one that now logs
 * hundreds. Errors travel from callee to caller, and a caller often logs a callee's failure more than the callee
 * does (a line for the failed call, another for its own failed request): where spans carry a status, a surge counts in
 * the proportion of the service's failed spans that failed on their own. Resolution: one line in the anomalous period.
 */
final class ErrorLogChannel {

    static final String NAME = "log_errors";
    private static final int FINDINGS_PER_SERVICE = 3;

    private ErrorLogChannel() {
    }

    /**
     * @param ownShare per service, the share of its anomalous-period failures that started in it (from the spans'
     *                 status; 1 without spans or status): the error lines of a caller whose failed spans only relay
     *                 its callees' failures log those failures, so its surge counts in that proportion
     */
    static Channel of(LogPeriod normal, LogPeriod anomalous, Set<String> services, ToDoubleFunction<String> ownShare) {
        Channel channel = new Channel(NAME, 1 / Math.max(anomalous.seconds, 1));
        for (String service : services) {
            double surge = anomalous.errorRate(service) - normal.errorRate(service);
            double own = ownShare.applyAsDouble(service);
            channel.score(service, surge > 0 ? surge * own : surge);
            findings(normal, anomalous, service, own).forEach(channel::finding);
        }
        return channel;
    }

    /** The service's error templates that grew most, in lines per minute, and how much of its failing was its own. */
    private static List<EvidenceItem> findings(LogPeriod normal, LogPeriod anomalous, String service, double own) {
        String relayed = own < 1 ? String.format("; %.0f%% of its failed spans failed on their own", 100 * own) : "";
        Set<LogTemplate> templates = new TreeSet<>(Comparator.comparing(LogTemplate::text));
        templates.addAll(anomalous.errorTemplates.getOrDefault(service, Map.of()).keySet());
        return templates.stream()
                .map(t -> {
                    double before = perMinute(normal.templateCount(service, t), normal.seconds);
                    double after = perMinute(anomalous.templateCount(service, t), anomalous.seconds);
                    String finding = (before == 0 ? "new error template, " : "error template ")
                            + String.format("%.1f/min → %.1f/min", before, after) + relayed;
                    return new EvidenceItem(service, EvidenceItem.Kind.LOG_TEMPLATE, t.text(), finding,
                            after - before, List.of());
                })
                .filter(item -> item.score() > 0)
                .sorted(Comparator.comparingDouble(EvidenceItem::score).reversed())
                .limit(FINDINGS_PER_SERVICE)
                .toList();
    }

    private static double perMinute(int count, double seconds) {
        return seconds == 0 ? 0 : 60.0 * count / seconds;
    }
}
