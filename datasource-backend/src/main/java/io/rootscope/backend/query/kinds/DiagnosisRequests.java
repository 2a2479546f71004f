package io.rootscope.backend.query.kinds;

import io.rootscope.analytics.rca.methods.RootCauseMethods;
import io.rootscope.backend.query.Payloads;
import io.rootscope.backend.query.QueryContext;
import io.rootscope.backend.rca.IncidentLookup;
import io.rootscope.backend.rca.RcaService;
import io.rootscope.backend.rca.RcaService.RankedDiagnosis;
import io.rootscope.backend.refusal.InvalidInputException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The diagnosis a panel asks for: of an incident (its resource as front-end, the window around its start), or of
 * an ad-hoc front-end over the panel's range. Shared by the {@code rca} and {@code behavior_graph} kinds, so both
 * panels of the workbench show the same diagnosis for the same inputs. Read-only: an incident's stored diagnosis is
 * shown while its inputs are unchanged, anything else is computed ad hoc and not stored.
 */
final class DiagnosisRequests {

    private final RcaService rca;

    DiagnosisRequests(RcaService rca) {
        this.rca = rca;
    }

    /** A diagnosis and the request it answers (its window, anomaly start and the times its normal period left out). */
    record Diagnosed(RcaService.RcaRequest request, RankedDiagnosis diagnosis) {
    }

    Diagnosed diagnose(QueryContext context, UUID eventId, String frontend, String method, String anomalyStart) {
        String chosen = method == null || method.isBlank() ? RootCauseMethods.DEFAULT : method;
        if (eventId != null) {
            IncidentLookup.Incident incident = IncidentLookup.find(context.upToDate(), context.tenantId(), eventId)
                    .orElseThrow(() -> new InvalidInputException("payload.event_id", "no incident " + eventId + " in this tenant"));
            String front = frontend != null ? frontend : incident.resourceUrn();
            if (front == null) {
                throw new InvalidInputException("payload.frontend", "the incident names no resource: give the front-end service URN");
            }
            Instant start = Payloads.instant(anomalyStart, incident.startedAt(), "anomaly_start");
            RcaService.RcaRequest request = rca.forIncident(context.upToDate(), context.tenant(), context.tenantId(), eventId, front, start, chosen);
            return new Diagnosed(request, rca.find(context.upToDate(), request));
        }
        String front = Payloads.required(frontend, "frontend");
        Optional<Instant> start = anomalyStart == null ? Optional.empty() : Optional.of(Payloads.instant(anomalyStart, null, "anomaly_start"));
        RcaService.RcaRequest request = new RcaService.RcaRequest(context.tenant(), context.tenantId(), Optional.empty(), front,
                context.from(), context.to(), start, chosen);
        return new Diagnosed(request, rca.find(context.upToDate(), request));
    }
}
