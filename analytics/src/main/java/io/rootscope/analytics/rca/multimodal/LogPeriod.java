package io.rootscope.analytics.rca.multimodal;

import io.rootscope.analytics.logs.LogTemplate;
import io.rootscope.analytics.rca.LogEvent;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the log events of one period say per service: how often each of its templates occurred, and how many error
 * lines (ERROR and FATAL, as stated by the source or read from the text) it wrote, per template.
 */
final class LogPeriod {

    /** Error lines per service. */
    final Map<String, Integer> errors = new TreeMap<>();
    /** Error lines per service, then template. */
    final Map<String, Map<LogTemplate, Integer>> errorTemplates = new HashMap<>();
    /** Lines of every severity per service, then template. */
    final Map<String, Map<LogTemplate, Integer>> templates = new HashMap<>();
    final double seconds;

    LogPeriod(List<LogEvent> events) {
        for (LogEvent event : events) {
            templates.computeIfAbsent(event.service(), s -> new HashMap<>()).merge(event.template(), 1, Integer::sum);
            if (event.severity().isError()) {
                errors.merge(event.service(), 1, Integer::sum);
                errorTemplates.computeIfAbsent(event.service(), s -> new HashMap<>())
                        .merge(event.template(), 1, Integer::sum);
            }
        }
        seconds = PeriodLength.seconds(events.stream().mapToLong(LogEvent::timeMillis).toArray());
    }

    /** Error lines of a service per second. */
    double errorRate(String service) {
        return seconds == 0 ? 0 : errors.getOrDefault(service, 0) / seconds;
    }

    int templateCount(String service, LogTemplate template) {
        return errorTemplates.getOrDefault(service, Map.of()).getOrDefault(template, 0);
    }
}
