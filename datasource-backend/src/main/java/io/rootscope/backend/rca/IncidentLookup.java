package io.rootscope.backend.rca;

import static io.rootscope.backend.db.schema.Tables.DIM_RESOURCE;
import static io.rootscope.backend.db.schema.Tables.EVENT_ENVELOPE;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;

/** What a diagnosis needs of an incident, found only inside the caller's tenant. */
public final class IncidentLookup {

    /** @param resourceUrn the incident's resource (the diagnosis' front-end), null when it names none */
    public record Incident(UUID eventId, String resourceUrn, Instant startedAt) {
    }

    private IncidentLookup() {
    }

    public static Optional<Incident> find(DSLContext db, long tenantId, UUID eventId) {
        return db.select(DIM_RESOURCE.URN, EVENT_ENVELOPE.STARTED_AT).from(EVENT_ENVELOPE)
                .leftJoin(DIM_RESOURCE).on(DIM_RESOURCE.RESOURCE_ID.eq(EVENT_ENVELOPE.RESOURCE_ID))
                .where(EVENT_ENVELOPE.EVENT_ID.eq(eventId)).and(EVENT_ENVELOPE.TENANT_ID.eq(tenantId))
                .fetchOptional(row -> new Incident(eventId, row.value1(), row.value2().toInstant()));
    }

    /**
     * The times of the tenant's incidents other than {@code eventId} that ended in ({@code since}, {@code until}): anomalies,
     * SLO violations and alerts, not deployments or changes, which mark a moment rather than a disturbed period.
     */
    public static List<NormalPeriod.TimeRange> closedBetween(DSLContext db, long tenantId, UUID eventId, Instant since, Instant until) {
        return db.select(EVENT_ENVELOPE.STARTED_AT, EVENT_ENVELOPE.ENDED_AT).from(EVENT_ENVELOPE)
                .where(EVENT_ENVELOPE.TENANT_ID.eq(tenantId)).and(EVENT_ENVELOPE.EVENT_ID.ne(eventId))
                .and(EVENT_ENVELOPE.KIND.in("anomaly", "slo_violation", "alert"))
                .and(EVENT_ENVELOPE.ENDED_AT.gt(since.atOffset(ZoneOffset.UTC)))
                .and(EVENT_ENVELOPE.ENDED_AT.lt(until.atOffset(ZoneOffset.UTC)))
                .and(EVENT_ENVELOPE.ENDED_AT.gt(EVENT_ENVELOPE.STARTED_AT))
                .fetch(row -> new NormalPeriod.TimeRange(row.value1().toInstant(), row.value2().toInstant()));
    }
}
