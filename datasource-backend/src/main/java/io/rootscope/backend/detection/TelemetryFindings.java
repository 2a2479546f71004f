package io.rootscope.backend.detection;

import io.rootscope.analytics.detection.DetectionRule;
import io.rootscope.analytics.detection.Episode;
import io.rootscope.analytics.detection.IncidentKey;
import io.rootscope.analytics.detection.TelemetryDetection;
import io.rootscope.backend.incident.IncidentStore.IncidentReport;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What an incident from logs or traces says: a title naming the service and what was found on it (the new template,
 * the operation), and an evidence link to the rows of the episode ({@code log_pattern} for a new template,
 * {@code log_event} for an error surge, {@code trace_span} of the operation otherwise).
 */
final class TelemetryFindings {

    /** Templates are cut in titles: a whole stack-trace line would not fit a panel row. */
    static final int TITLE_TEMPLATE_CHARS = 240;

    /** An evidence link: its dimension (as the evidence query names them), reference and note. */
    record Link(String dim, Map<String, Object> ref, String note) {
    }

    private TelemetryFindings() {
    }

    static IncidentReport report(long tenantId, DetectionRule rule, IncidentKey key, Instant start, TelemetrySeries series,
                                 Episode episode) {
        String summary = "rule " + rule.name() + " (" + rule.detector().getClass().getSimpleName() + ") over the "
                + (series.operation().isEmpty() ? "logs" : "spans") + " of " + series.service() + ": " + describe(series, episode);
        return new IncidentReport(tenantId, TransitionWriter.dedupKey(key, start), TransitionWriter.SOURCE, "anomaly", "WARN",
                title(series, episode), summary, start, Optional.of(key.group()),
                Map.of(TransitionWriter.RULE_LABEL, key.rule(), TransitionWriter.GROUP_LABEL, key.group()));
    }

    static String title(TelemetrySeries series, Episode episode) {
        return switch (series.signal()) {
            case TelemetryDetection.ERROR_LOG_EVENTS -> "Surge of error logs on " + series.service();
            case TelemetryDetection.NEW_ERROR_TEMPLATE_EVENTS -> newTemplate(series, episode)
                    .map(t -> "new " + t.severity() + " template on " + series.service() + ": " + cut(t.pattern()))
                    .orElse("new error template on " + series.service());
            case TelemetryDetection.SPAN_DURATION_P90 -> "Latency shift of " + series.operation() + " on " + series.service();
            case TelemetryDetection.SPAN_FAILED_SHARE -> "Failing spans of " + series.operation() + " on " + series.service();
            case TelemetryDetection.SPAN_CALLS -> "Calls of " + series.operation() + " on " + series.service() + " disappeared";
            default -> throw new IllegalArgumentException("unknown telemetry signal " + series.signal());
        };
    }

    static Link link(TelemetrySeries series, Episode episode) {
        Map<String, Object> ref = new LinkedHashMap<>();
        String dim = series.operation().isEmpty() ? "log" : "trace";
        Optional<TelemetrySeries.NewTemplate> template = newTemplate(series, episode);
        if (template.isPresent()) {
            ref.put("table", "log_pattern");
            ref.put("pattern_id", template.get().patternId());
        } else {
            ref.put("table", series.operation().isEmpty() ? "log_event" : "trace_span");
        }
        ref.put("resource_id", series.resourceId());
        if (!series.operation().isEmpty()) {
            ref.put("operation", series.operation());
        }
        ref.put("from", Instant.ofEpochMilli(episode.fromMillis()).toString());
        ref.put("to", Instant.ofEpochMilli(episode.toMillis() + series.stepMillis()).toString());
        return new Link(dim, ref, describe(series, episode));
    }

    private static String describe(TelemetrySeries series, Episode episode) {
        return String.format(Locale.ROOT, "%s of %s anomalous from %s (peak score %.2f)", series.subject(), series.service(),
                Instant.ofEpochMilli(episode.fromMillis()), episode.peakScore());
    }

    /** The template with the most new events at the episode's first anomalous step, or the next step that names one. */
    private static Optional<TelemetrySeries.NewTemplate> newTemplate(TelemetrySeries series, Episode episode) {
        for (long step = episode.fromMillis(); step <= episode.toMillis(); step += series.stepMillis()) {
            TelemetrySeries.NewTemplate template = series.newTemplates().get(step);
            if (template != null) {
                return Optional.of(template);
            }
        }
        return Optional.empty();
    }

    private static String cut(String text) {
        return text.length() <= TITLE_TEMPLATE_CHARS ? text : text.substring(0, TITLE_TEMPLATE_CHARS) + "…";
    }
}
