package io.rootscope.backend.query.kinds;

import static io.rootscope.backend.db.schema.Tables.DIM_RESOURCE;
import static io.rootscope.backend.db.schema.Tables.EVENT_ENVELOPE;

import io.rootscope.analytics.rca.methods.RootCauseMethods;
import io.rootscope.backend.http.BadRequestException;
import io.rootscope.backend.query.Payloads;
import io.rootscope.backend.query.QueryContext;
import io.rootscope.backend.rca.RcaService;
import io.rootscope.backend.rca.RcaService.StoredDiagnosis;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The diagnosis a panel asks for: of an incident (its resource as front-end, the window around its start), or of
 * an ad-hoc front-end over the panel's range. Shared by the {@code rca} and {@code behavior_graph} kinds, so both
 * panels of the workbench show the same stored run.
 */
final class DiagnosisRequests {

    private final RcaService rca;

    DiagnosisRequests(RcaService rca) {
        this.rca = rca;
    }

    StoredDiagnosis diagnose(QueryContext context, UUID eventId, String frontend, String method, String anomalyStart) {
        String chosen = method == null || method.isBlank() ? RootCauseMethods.DEFAULT : method;
        if (eventId != null) {
            var event = context.db().select(DIM_RESOURCE.URN, EVENT_ENVELOPE.STARTED_AT).from(EVENT_ENVELOPE)
                    .leftJoin(DIM_RESOURCE).on(DIM_RESOURCE.RESOURCE_ID.eq(EVENT_ENVELOPE.RESOURCE_ID))
                    .where(EVENT_ENVELOPE.EVENT_ID.eq(eventId)).and(EVENT_ENVELOPE.TENANT_ID.eq(context.tenantId()))
                    .fetchOptional()
                    .orElseThrow(() -> new BadRequestException("payload.event_id", "no incident " + eventId + " in this tenant"));
            String front = frontend != null ? frontend : event.value1();
            if (front == null) {
                throw new BadRequestException("payload.frontend", "the incident names no resource: give the front-end service URN");
            }
            Instant start = Payloads.instant(anomalyStart, event.value2().toInstant(), "anomaly_start");
            return rca.diagnose(rca.forIncident(context.tenant(), context.tenantId(), eventId, front, start, chosen));
        }
        String front = Payloads.required(frontend, "frontend");
        Optional<Instant> start = anomalyStart == null ? Optional.empty() : Optional.of(Payloads.instant(anomalyStart, null, "anomaly_start"));
        return rca.diagnose(new RcaService.RcaRequest(context.tenant(), context.tenantId(), Optional.empty(), front,
                context.from(), context.to(), start, chosen));
    }
}
