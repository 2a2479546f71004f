package io.rootscope.backend.alerts;

import io.rootscope.backend.incident.IncidentListener;
import io.rootscope.backend.incident.IncidentStore;
import io.rootscope.backend.incident.IncidentStore.IncidentReport;
import io.rootscope.backend.query.WorkbenchLinks;
import io.rootscope.backend.rca.RootCauseConfirmations;
import io.rootscope.backend.refusal.InvalidInputException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * Grafana's alert notifications (the body of {@code POST /alerts/grafana}) as incidents: each firing alert opens (or
 * refreshes) an incident, which the listener diagnoses when the alert names one of the tenant's resources; each resolved alert closes its incident's time range. The
 * incident's annotation (query kind {@code annotations}) links to the RCA workbench for it. A new incident is stored with
 * its diagnosis due ({@link IncidentStore#noteDiagnosisDue}) in one transaction and diagnosed before the answer: should
 * this replica die in between, another one's sweep diagnoses it. An alert names its resource
 * by a {@code urn} label, or by {@code service} (+ {@code namespace}) or {@code host} labels. A resolved alert with a
 * {@value #ROOT_CAUSE_LABEL} label (a resource URN, or a service name in the alert's {@code namespace}) confirms that
 * root cause of the incident it closes, as the root-cause API does.
 */
public final class GrafanaAlerts {

    /** The label of a resolved alert that names its incident's confirmed root cause. */
    public static final String ROOT_CAUSE_LABEL = "root_cause";
    /** Grafana sends this year for "not ended yet". */
    private static final int UNSET_YEAR = 1;
    /**
     * Bounds of what an alert may carry. The fingerprint is part of the incident's dedup key, a unique index's key
     * (Grafana's are 16 hex digits); labels and annotations are stored with the incident.
     */
    static final int FINGERPRINT_MAX_LENGTH = 256;
    static final int NAME_MAX_LENGTH = 256;
    static final int LABEL_VALUE_MAX_LENGTH = 4096;
    static final int ANNOTATION_MAX_LENGTH = 65_536;
    static final int URL_MAX_LENGTH = 8192;
    static final int ENTRIES_MAX = 256;

    private final DSLContext db;
    private final IncidentStore incidents;
    private final IncidentListener listener;
    private final RootCauseConfirmations confirmations;

    public GrafanaAlerts(DSLContext db, IncidentListener listener, RootCauseConfirmations confirmations) {
        this.db = db;
        this.incidents = new IncidentStore(db);
        this.listener = listener;
        this.confirmations = confirmations;
    }

    /** @return per alert, what became of it (opened, updated, resolved or no open incident) and its incident */
    public List<Map<String, Object>> receive(long tenantId, GrafanaAlertPayload payload) {
        if (payload.alerts() == null || payload.alerts().isEmpty()) {
            throw new InvalidInputException("alerts", "missing or empty; expected Grafana's webhook payload");
        }
        for (int i = 0; i < payload.alerts().size(); i++) {
            validate(payload.alerts().get(i), "alerts[" + i + "]");
            // Before anything is stored: a root cause the tenant does not have refuses the whole notification.
            Optional<String> rootCause = rootCause(payload.alerts().get(i));
            if (rootCause.isPresent()) {
                confirmations.resourceId(tenantId, rootCause.get(), rootCauseField(i));
            }
        }
        List<Map<String, Object>> results = new ArrayList<>();
        for (int i = 0; i < payload.alerts().size(); i++) {
            results.add(handle(tenantId, payload.alerts().get(i), rootCauseField(i)));
        }
        return results;
    }

    private static String rootCauseField(int alert) {
        return "alerts[" + alert + "].labels." + ROOT_CAUSE_LABEL;
    }

    private Map<String, Object> handle(long tenantId, GrafanaAlertPayload.Alert alert, String rootCauseField) {
        String dedupKey = "grafana:" + alert.fingerprint() + ":" + alert.startsAt().toEpochMilli();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("fingerprint", alert.fingerprint());
        if ("resolved".equals(alert.status())) {
            // Confirmed while the incident is still open: should confirming fail (busy), Grafana's retry finds it open again.
            Optional<String> rootCause = rootCause(alert);
            Optional<RootCauseConfirmations.Confirmed> confirmed = rootCause.flatMap(cause -> incidents.findOpen(tenantId, dedupKey)
                    .map(id -> confirmations.confirm(tenantId, new RootCauseConfirmations.Confirmation(id, cause, rootCauseField,
                            "grafana alert " + alert.labels().getOrDefault("alertname", "?"), null, RootCauseConfirmations.Source.GRAFANA_ALERT))));
            Optional<UUID> closed = incidents.resolve(tenantId, dedupKey, ended(alert));
            result.put("status", closed.isPresent() ? "resolved" : "no open incident");
            closed.ifPresent(id -> result.put("event_id", id.toString()));
            confirmed.ifPresent(c -> {
                result.put("root_cause", rootCause.get());
                result.put("learned", c.learnedBy().isPresent());
            });
            return result;
        }
        Optional<String> urn = resourceUrn(alert.labels());
        String title = alert.labels().getOrDefault("alertname", "Grafana alert");
        String summary = alert.annotations() == null ? alert.valueString()
                : alert.annotations().getOrDefault("summary", alert.annotations().getOrDefault("description", alert.valueString()));
        // Diagnosed from the alert's resource when it is one of the tenant's: a diagnosis cannot start anywhere else.
        Optional<String> frontend = urn.filter(u -> incidents.resourceId(tenantId, u).isPresent());
        IncidentStore.Opened opened = db.transactionResult(tx -> {
            IncidentStore store = new IncidentStore(tx.dsl());
            IncidentStore.Opened stored = store.open(new IncidentReport(tenantId, dedupKey, "grafana", "alert",
                    severity(alert.labels().get("severity")), title, summary, alert.startsAt(), urn, alert.labels()));
            if (alert.generatorURL() != null) {
                store.link(stored.eventId(), "event", Map.of("table", "grafana_alert", "fingerprint", alert.fingerprint(),
                        "rule", alert.generatorURL()), null, null, "the Grafana alert rule that fired");
            }
            if (stored.created() && frontend.isPresent()) {
                store.noteDiagnosisDue(stored.eventId(), tenantId, frontend.get(), alert.startsAt());
            }
            return stored;
        });
        if (opened.created() && frontend.isPresent()) {
            listener.opened(opened.eventId(), tenantId, frontend.get(), alert.startsAt());
        }
        result.put("status", opened.created() ? "opened" : "updated");
        result.put("event_id", opened.eventId().toString());
        result.put("workbench", WorkbenchLinks.incident(opened.eventId(), alert.startsAt(), null));
        return result;
    }

    private static void validate(GrafanaAlertPayload.Alert alert, String path) {
        if (alert == null) {
            throw new InvalidInputException(path, "is null");
        }
        if (!"firing".equals(alert.status()) && !"resolved".equals(alert.status())) {
            throw new InvalidInputException(path + ".status", "must be firing or resolved, got " + alert.status());
        }
        if (alert.fingerprint() == null || alert.fingerprint().isBlank()) {
            throw new InvalidInputException(path + ".fingerprint", "is required");
        }
        if (alert.startsAt() == null) {
            throw new InvalidInputException(path + ".startsAt", "is required");
        }
        if (alert.labels() == null) {
            throw new InvalidInputException(path + ".labels", "is required");
        }
        bounded(alert.fingerprint(), FINGERPRINT_MAX_LENGTH, path + ".fingerprint");
        bounded(alert.labels(), LABEL_VALUE_MAX_LENGTH, path + ".labels");
        bounded(alert.annotations(), ANNOTATION_MAX_LENGTH, path + ".annotations");
        bounded(alert.valueString(), ANNOTATION_MAX_LENGTH, path + ".valueString");
        bounded(alert.generatorURL(), URL_MAX_LENGTH, path + ".generatorURL");
        bounded(alert.dashboardURL(), URL_MAX_LENGTH, path + ".dashboardURL");
        bounded(alert.panelURL(), URL_MAX_LENGTH, path + ".panelURL");
    }

    private static void bounded(Map<String, String> values, int maxValueLength, String path) {
        if (values == null) {
            return;
        }
        if (values.size() > ENTRIES_MAX) {
            throw new InvalidInputException(path, "has more than " + ENTRIES_MAX + " entries");
        }
        for (Map.Entry<String, String> entry : values.entrySet()) {
            if (entry.getKey().length() > NAME_MAX_LENGTH) {
                throw new InvalidInputException(path, "has a name longer than " + NAME_MAX_LENGTH + " characters");
            }
            bounded(entry.getValue(), maxValueLength, path + "." + entry.getKey());
        }
    }

    private static void bounded(String value, int maxLength, String path) {
        if (value != null && value.length() > maxLength) {
            throw new InvalidInputException(path, "is longer than " + maxLength + " characters");
        }
    }

    /** A resolved alert's confirmed root cause: its label as a URN, or as a service of the alert's namespace. */
    private static Optional<String> rootCause(GrafanaAlertPayload.Alert alert) {
        String label = alert.labels().get(ROOT_CAUSE_LABEL);
        if (!"resolved".equals(alert.status()) || label == null || label.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(label.startsWith("urn:") ? label
                : "urn:k8s:svc:" + alert.labels().getOrDefault("namespace", "default") + "/" + label);
    }

    static Optional<String> resourceUrn(Map<String, String> labels) {
        if (labels.containsKey("urn")) {
            return Optional.of(labels.get("urn"));
        }
        if (labels.containsKey("service")) {
            return Optional.of("urn:k8s:svc:" + labels.getOrDefault("namespace", "default") + "/" + labels.get("service"));
        }
        return Optional.ofNullable(labels.get("host")).map(host -> "urn:host:" + host);
    }

    private static Instant ended(GrafanaAlertPayload.Alert alert) {
        Instant endsAt = alert.endsAt();
        return endsAt == null || endsAt.atZone(java.time.ZoneOffset.UTC).getYear() == UNSET_YEAR ? Instant.now() : endsAt;
    }

    /** Grafana severities (critical, warning, info, ...) as event severities. */
    static String severity(String label) {
        return switch (label == null ? "" : label.toLowerCase(Locale.ROOT)) {
            case "critical", "page", "fatal" -> "FATAL";
            case "warning", "warn" -> "WARN";
            case "info", "informational" -> "INFO";
            default -> "ERROR";
        };
    }
}
