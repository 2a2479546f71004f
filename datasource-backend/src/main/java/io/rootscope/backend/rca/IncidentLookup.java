package io.rootscope.backend.rca;

import static io.rootscope.backend.db.schema.Tables.DIM_RESOURCE;
import static io.rootscope.backend.db.schema.Tables.EVENT_ENVELOPE;

import java.time.Instant;
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
}
