package io.rootscope.analytics.rca.multimodal;

import io.rootscope.analytics.logs.LogTemplate;
import io.rootscope.analytics.rca.EvidenceItem;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Error logs: how many more error lines per second a service writes in the anomalous period than in the normal one.
 * Code faults (a method that throws, a wrong return value) show here while metrics stay flat. A rate difference, not a
 * ratio: a service that never logged errors and now logs one a minute has not changed as much as one that now logs
 * hundreds. Resolution: one line in the anomalous period.
 */
final class ErrorLogChannel {

    static final String NAME = "log_errors";
    private static final int FINDINGS_PER_SERVICE = 3;

    private ErrorLogChannel() {
    }

    static Channel of(LogPeriod normal, LogPeriod anomalous, Set<String> services) {
        Channel channel = new Channel(NAME, 1 / Math.max(anomalous.seconds, 1));
        for (String service : services) {
            channel.score(service, anomalous.errorRate(service) - normal.errorRate(service));
            findings(normal, anomalous, service).forEach(channel::finding);
        }
        return channel;
    }

    /** The service's error templates that grew most, in lines per minute. */
    private static List<EvidenceItem> findings(LogPeriod normal, LogPeriod anomalous, String service) {
        Set<LogTemplate> templates = new TreeSet<>(Comparator.comparing(LogTemplate::text));
        templates.addAll(anomalous.errorTemplates.getOrDefault(service, Map.of()).keySet());
        return templates.stream()
                .map(t -> {
                    double before = perMinute(normal.templateCount(service, t), normal.seconds);
                    double after = perMinute(anomalous.templateCount(service, t), anomalous.seconds);
                    String finding = (before == 0 ? "new error template, " : "error template ")
                            + String.format("%.1f/min → %.1f/min", before, after);
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
