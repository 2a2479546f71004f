package io.rootscope.backend.http;

import io.javalin.http.Context;
import io.rootscope.backend.json.Json;
import io.rootscope.backend.rca.RootCauseConfirmations;
import io.rootscope.backend.rca.RootCauseConfirmations.Confirmation;
import io.rootscope.backend.rca.RootCauseConfirmations.Confirmed;
import io.rootscope.backend.refusal.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * {@code POST /incidents/{event_id}/root-cause {resource, confirmed_by, note?}}: confirms an incident's root cause
 * (repeatable: every confirmation is kept, the latest wins). The answer says whether it taught the incident's
 * diagnosis method and the version of the tenant's lessons after it.
 */
public final class RootCauseController {

    static final int RESOURCE_MAX_LENGTH = 2048;
    static final int CONFIRMED_BY_MAX_LENGTH = 256;
    static final int NOTE_MAX_LENGTH = 65_536;

    record Body(String resource, String confirmed_by, String note) {
    }

    private final RootCauseConfirmations confirmations;
    private final TenantResolver tenants;

    public RootCauseController(RootCauseConfirmations confirmations, TenantResolver tenants) {
        this.confirmations = confirmations;
        this.tenants = tenants;
    }

    public void confirm(Context ctx) {
        long tenantId = tenants.forRequest(ctx).id();
        UUID eventId = IncidentDiagnosisController.eventId(ctx.pathParam("event_id"));
        String text = RequestBody.json(ctx);
        Body body = text.isBlank() ? null : Json.read(text, Body.class, "body");
        if (body == null) {
            throw new InvalidInputException("body", "missing; expected {\"resource\", \"confirmed_by\", \"note\"?}");
        }
        String resource = required(body.resource(), RESOURCE_MAX_LENGTH, "body.resource");
        String confirmedBy = required(body.confirmed_by(), CONFIRMED_BY_MAX_LENGTH, "body.confirmed_by");
        if (body.note() != null && body.note().length() > NOTE_MAX_LENGTH) {
            throw new InvalidInputException("body.note", "is longer than " + NOTE_MAX_LENGTH + " characters");
        }
        Confirmed confirmed = confirmations.confirm(tenantId, new Confirmation(eventId, resource, "body.resource", confirmedBy,
                body.note(), RootCauseConfirmations.Source.API));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("event_id", eventId.toString());
        answer.put("confirmation_id", confirmed.confirmationId());
        answer.put("resource", resource);
        answer.put("confirmed_by", confirmedBy);
        answer.put("confirmations", confirmed.confirmations());
        answer.put("learned", confirmed.learnedBy().isPresent());
        answer.put("method", confirmed.learnedBy().orElse(null));
        answer.put("learning", Map.of("revision", confirmed.learning().revision(), "lessons", confirmed.learning().lessons()));
        ctx.json(answer);
    }

    private static String required(String value, int maxLength, String field) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(field, "is required");
        }
        if (value.length() > maxLength) {
            throw new InvalidInputException(field, "is longer than " + maxLength + " characters");
        }
        return value;
    }
}
