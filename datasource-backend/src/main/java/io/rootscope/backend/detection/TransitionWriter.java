package io.rootscope.backend.detection;

import io.rootscope.backend.incident.IncidentListener;
import io.rootscope.analytics.detection.DetectionRule;
import io.rootscope.analytics.detection.Episode;
import io.rootscope.analytics.detection.IncidentKey;
import io.rootscope.analytics.detection.IncidentTransition;
import io.rootscope.analytics.detection.SeriesRef;
import io.rootscope.analytics.detection.Statistic;
import io.rootscope.backend.incident.IncidentStore;
import io.rootscope.backend.incident.IncidentStore.IncidentReport;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Writes the tracker's incident transitions through {@link IncidentStore}: an incident's dedup key is
 * {@code detector:<rule>:<group>:<anomaly start>}, so finding it again (a re-run, a replayed window) refreshes
 * the same row, and each anomalous series becomes an evidence link to the rows of its episode.
 */
final class TransitionWriter {

    static final String SOURCE = "rootscope-detector";
    static final String RULE_LABEL = "rule";
    static final String GROUP_LABEL = "group";

    /** A newly stored incident, for the {@link IncidentListener}. */
    record NewIncident(UUID eventId, String frontendUrn, Instant anomalyStart) {
    }

    private final IncidentStore store;
    private final MetricSource source;

    TransitionWriter(IncidentStore store, MetricSource source) {
        this.store = store;
        this.source = source;
    }

    static String dedupKey(IncidentKey key, Instant anomalyStart) {
        return "detector:" + key.rule() + ":" + key.group() + ":" + anomalyStart;
    }

    /**
     * Applies one transition of a rule's incident; returns the incident if this opened it for the first time.
     *
     * @param resourceIds the resource id of each URN the episodes can name
     */
    Optional<NewIncident> apply(long tenantId, DetectionRule rule, IncidentTransition transition, Map<String, Long> resourceIds,
                                Map<SeriesRef, TelemetrySeries> telemetry) {
        Instant start = Instant.ofEpochMilli(transition.anomalyStartMillis());
        if (transition instanceof IncidentTransition.Closed closed) {
            store.resolve(tenantId, dedupKey(closed.key(), start), Instant.ofEpochMilli(closed.endedMillis()));
            return Optional.empty();
        }
        Episode episode = transition instanceof IncidentTransition.Opened opened ? opened.episode()
                : ((IncidentTransition.Joined) transition).episode();
        TelemetrySeries series = telemetry.get(episode.series());
        IncidentStore.Opened stored;
        if (series == null) {
            stored = store.open(report(tenantId, rule, transition.key(), start));
            store.link(stored.eventId(), "metric", evidence(episode, resourceIds), null, episode.peakScore(), note(rule, episode));
        } else {
            // The title names what opened the incident: a series joining later must not rename it.
            Optional<UUID> known = transition instanceof IncidentTransition.Joined
                    ? store.find(tenantId, dedupKey(transition.key(), start)) : Optional.empty();
            stored = known.map(id -> new IncidentStore.Opened(id, false))
                    .orElseGet(() -> store.open(TelemetryFindings.report(tenantId, rule, transition.key(), start, series, episode)));
            TelemetryFindings.Link link = TelemetryFindings.link(series, episode);
            store.link(stored.eventId(), link.dim(), link.ref(), null, episode.peakScore(), link.note());
        }
        return stored.created()
                ? Optional.of(new NewIncident(stored.eventId(), rule.sliResource().orElse(transition.key().group()), start))
                : Optional.empty();
    }

    private static IncidentReport report(long tenantId, DetectionRule rule, IncidentKey key, Instant start) {
        String metrics = rule.metrics().stream().map(Object::toString).collect(Collectors.joining(", "));
        String title = rule.isSlo() ? "SLO violated: " + rule.detector() + " on " + key.group()
                : "Anomalous " + metrics + " on " + key.group();
        String summary = "rule " + rule.name() + " (" + rule.detector().getClass().getSimpleName() + ") watching " + metrics;
        return new IncidentReport(tenantId, dedupKey(key, start), SOURCE, rule.isSlo() ? "slo_violation" : "anomaly",
                rule.isSlo() ? "ERROR" : "WARN", title, summary, start, Optional.of(key.group()),
                Map.of(RULE_LABEL, key.rule(), GROUP_LABEL, key.group()));
    }

    /** The rows of the episode: from its first anomalous point to the one that confirmed it, inclusive. */
    private Map<String, Object> evidence(Episode episode, Map<String, Long> resourceIds) {
        Map<String, Object> ref = new LinkedHashMap<>();
        ref.put("table", source.table());
        ref.put("resource_id", resourceIds.get(episode.series().resource()));
        ref.put("metric", episode.series().metric().metric());
        if (source == MetricSource.METRIC_1M && episode.series().metric().statistic() != Statistic.AVG) {
            ref.put("statistic", episode.series().metric().statistic().label());
        }
        ref.put("from", Instant.ofEpochMilli(episode.fromMillis()).toString());
        ref.put("to", Instant.ofEpochMilli(episode.toMillis()).plus(source.grain()).toString());
        return ref;
    }

    private static String note(DetectionRule rule, Episode episode) {
        return String.format(Locale.ROOT, "%s of %s anomalous from %s (peak score %.2f, rule %s)", episode.series().metric(),
                episode.series().resource(), Instant.ofEpochMilli(episode.fromMillis()), episode.peakScore(), rule.name());
    }
}
