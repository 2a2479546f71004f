package io.rootscope.backend.rca;

import io.rootscope.analytics.rca.Diagnosis;
import io.rootscope.analytics.rca.RankedService;
import io.rootscope.analytics.rca.WalkPath;
import io.rootscope.analytics.topology.Urn;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A finished incident diagnosis as gala-anteater's root-cause message (its {@code rca_topic} JSON): the incident's
 * anomalous KPI, and the top candidates as cause metrics, each with its strongest metric type, score and the walk path
 * from it to the incident's resource. What the diagnosis does not know (Prometheus {@code instance} and {@code job} of a
 * resource) is sent as an empty string, as gala-anteater itself sends {@code entity_id}.
 */
final class CauseInferenceMessage {

    /** gala-anteater's message carries its top three causes (and {@code top1}..{@code top3}). */
    static final int CAUSES = 3;
    static final String SOURCE = "rootscope";
    static final String BODY = "A cause inferring event for an abnormal event";
    /** gala-anteater's suffix of {@code topN}: "abnormal". */
    private static final String ABNORMAL = "\u5f02\u5e38";

    /** What the message says of the incident: its labels (a gala-anteater incident's carry the detector's event id). */
    record Incident(UUID eventId, String title, String severity, Map<String, Object> labels) {
    }

    private CauseInferenceMessage() {
    }

    /** The message's key: the incident's event id, so one incident's diagnoses stay in order in one partition. */
    static String eventId(Incident incident) {
        return label(incident, "event_id").orElse(incident.eventId().toString());
    }

    private static Optional<String> label(Incident incident, String name) {
        return Optional.ofNullable(incident.labels().get(name)).map(String::valueOf);
    }

    static Map<String, Object> of(Incident incident, String frontendUrn, Diagnosis diagnosis, Instant at) {
        String eventId = eventId(incident);
        List<RankedService> top = diagnosis.ranking().subList(0, Math.min(CAUSES, diagnosis.ranking().size()));
        List<Map<String, Object>> causes = new ArrayList<>();
        for (RankedService candidate : top) {
            causes.add(cause(candidate, frontendUrn, diagnosis));
        }
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("Timestamp", at.toEpochMilli());
        message.put("event_id", eventId);
        message.put("Attributes", ordered("event_id", eventId, "event_source", SOURCE));
        message.put("Resource", ordered("abnormal_kpi", abnormalKpi(incident, frontendUrn, diagnosis), "cause_metrics", causes));
        message.put("desc", incident.title());
        for (int i = 0; i < causes.size(); i++) {
            message.put("top" + (i + 1), causes.get(i).get("metric_id") + ABNORMAL);
        }
        message.put("keywords", causes.stream().map(c -> c.get("keyword")).distinct().toList());
        message.put("SeverityText", incident.severity());
        message.put("SeverityNumber", severityNumber(incident.severity()));
        message.put("Body", BODY);
        return message;
    }

    private static Map<String, Object> abnormalKpi(Incident incident, String frontendUrn, Diagnosis diagnosis) {
        Optional<String> strongest = strongestMetric(diagnosis, frontendUrn);
        Map<String, Object> kpi = new LinkedHashMap<>();
        kpi.put("metric_id", label(incident, "metric").or(() -> strongest).orElse(""));
        kpi.put("entity_id", frontendUrn);
        kpi.put("metric_labels", incident.labels());
        kpi.put("desc", incident.title());
        kpi.put("score", diagnosis.ranking().stream().filter(r -> r.service().equals(frontendUrn)).mapToDouble(RankedService::score)
                .findFirst().orElse(0));
        return kpi;
    }

    private static Map<String, Object> cause(RankedService candidate, String frontendUrn, Diagnosis diagnosis) {
        Optional<String> metric = strongestMetric(diagnosis, candidate.service());
        Map<String, Object> cause = new LinkedHashMap<>();
        cause.put("metric_id", metric.map(m -> m + "@" + candidate.service()).orElse(candidate.service()));
        cause.put("entity_id", candidate.service());
        cause.put("metric_labels", labels(candidate.service()));
        cause.put("desc", metric.map(m -> m + " of " + candidate.service()).orElse(candidate.service())
                + ", ranked by " + diagnosis.method());
        cause.put("keyword", metric.orElse(null));
        cause.put("score", candidate.score());
        cause.put("path", path(candidate.service(), frontendUrn, diagnosis).stream().map(urn -> step(urn, frontendUrn)).toList());
        return cause;
    }

    /** The metric type that contributed most to a resource's score, if the method split it. */
    private static Optional<String> strongestMetric(Diagnosis diagnosis, String urn) {
        return diagnosis.explanation().metricContributions().getOrDefault(urn, Map.of()).entrySet().stream()
                .max(Map.Entry.<String, Double>comparingByValue().thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
                .map(Map.Entry::getKey);
    }

    /**
     * From the cause to the incident's resource, as gala-anteater orders a path: the most travelled walk path through the
     * cause, read backwards from it; the cause alone when no walk reached it.
     */
    static List<String> path(String cause, String frontendUrn, Diagnosis diagnosis) {
        for (WalkPath walk : diagnosis.explanation().paths()) {
            int at = walk.services().indexOf(cause);
            if (at >= 0 && walk.services().get(0).equals(frontendUrn)) {
                List<String> back = new ArrayList<>(walk.services().subList(0, at + 1));
                Collections.reverse(back);
                return back;
            }
        }
        return List.of(cause);
    }

    private static Map<String, Object> step(String urn, String frontendUrn) {
        Map<String, String> labels = labels(urn);
        Map<String, Object> step = new LinkedHashMap<>();
        step.put("pod_id", urn);
        step.put("pod", labels.getOrDefault("namespace", "").isEmpty() ? labels.get("name") : labels.get("namespace") + "/" + labels.get("name"));
        step.put("instance", "");
        step.put("job", "");
        step.put("pod_state", urn.equals(frontendUrn) ? "abnormal" : "normal");
        return step;
    }

    /** A resource's labels as its URN names them. */
    private static Map<String, String> labels(String urn) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("urn", urn);
        try {
            Urn parsed = Urn.parse(urn);
            labels.put("kind", parsed.kind().prefix());
            labels.put("namespace", parsed.scope() == null ? "" : parsed.scope());
            labels.put("name", parsed.name());
        } catch (IllegalArgumentException e) {
            labels.put("name", urn);
        }
        return labels;
    }

    /** The OpenTelemetry severity number of the incident's severity text (WARN: 13, as gala-anteater sends). */
    static int severityNumber(String severity) {
        return switch (severity) {
            case "TRACE" -> 1;
            case "DEBUG" -> 5;
            case "INFO" -> 9;
            case "WARN" -> 13;
            case "ERROR" -> 17;
            default -> 21;
        };
    }

    private static Map<String, Object> ordered(String k1, Object v1, String k2, Object v2) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(k1, v1);
        map.put(k2, v2);
        return map;
    }
}
