package io.rootscope.backend.http;

import io.javalin.http.Context;
import io.rootscope.analytics.rca.methods.RootCauseMethods;
import io.rootscope.backend.db.TenantReader;
import io.rootscope.backend.json.Json;
import io.rootscope.backend.query.Payloads;
import io.rootscope.backend.rca.IncidentLookup;
import io.rootscope.backend.rca.RcaService.RankedDiagnosis;
import io.rootscope.backend.rca.RcaService;
import io.rootscope.backend.refusal.InvalidInputException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * {@code POST /incidents/{event_id}/diagnose {method?, anomaly_start?}}: diagnoses an incident again and makes the result its
 * stored diagnosis (run, anomaly profile, evidence links), replacing the previous one — the only way besides the incident
 * listener that an incident's diagnosis changes. Same inputs as the stored run: nothing is written ({@code reused}).
 */
public final class IncidentDiagnosisController {

    record Body(String method, String anomaly_start) {
    }

    private final RcaService rca;
    private final TenantResolver tenants;
    private final TenantReader readers;

    public IncidentDiagnosisController(RcaService rca, TenantResolver tenants, TenantReader readers) {
        this.rca = rca;
        this.tenants = tenants;
        this.readers = readers;
    }

    public void diagnose(Context ctx) {
        TenantResolver.Tenant tenant = tenants.forRequest(ctx);
        long tenantId = tenant.id();
        UUID eventId = eventId(ctx.pathParam("event_id"));
        String text = RequestBody.json(ctx);
        Body read = text.isBlank() ? null : Json.read(text, Body.class, "body");
        Body body = read == null ? new Body(null, null) : read;
        String method = body.method() == null || body.method().isBlank() ? RootCauseMethods.DEFAULT : body.method();
        if (!RootCauseMethods.names().contains(method)) {
            throw new InvalidInputException("body.method", "unknown method '" + method + "'; known: " + RootCauseMethods.names());
        }
        DSLContext reader = readers.upToDate(tenantId);
        IncidentLookup.Incident incident = IncidentLookup.find(reader, tenantId, eventId)
                .orElseThrow(() -> new InvalidInputException("event_id", "no incident " + eventId + " in this tenant"));
        if (incident.resourceUrn() == null) {
            throw new InvalidInputException("event_id", "incident " + eventId + " names no resource to diagnose from");
        }
        Instant start = parsedStart(body.anomaly_start(), incident.startedAt());
        RankedDiagnosis diagnosis = rca.rediagnose(rca.forIncident(reader, tenant.code(), tenantId, eventId, incident.resourceUrn(), start, method));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("event_id", eventId.toString());
        answer.put("run_id", diagnosis.runId());
        answer.put("method", diagnosis.method());
        answer.put("anomaly_start", start.toString());
        answer.put("reused", diagnosis.reused());
        answer.put("learning", Map.of("revision", diagnosis.learning().revision(), "lessons", diagnosis.learning().lessons()));
        answer.put("ranking", diagnosis.ranking().stream().map(c -> Map.of("rank", c.rank(), "resource", c.urn(), "score", c.score())).toList());
        ctx.json(answer);
    }

    /** The incident of a path's {@code {event_id}}; also {@link RootCauseController}'s. */
    static UUID eventId(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("event_id", "not an event id (UUID): '" + text + "'");
        }
    }

    private static Instant parsedStart(String text, Instant fallback) {
        try {
            return Payloads.instant(text, fallback, "anomaly_start");
        } catch (InvalidInputException e) {
            throw new InvalidInputException("body.anomaly_start", "not an ISO-8601 time or epoch milliseconds: '" + text + "'");
        }
    }
}
