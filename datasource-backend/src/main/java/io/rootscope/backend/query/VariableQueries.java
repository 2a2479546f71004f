package io.rootscope.backend.query;

import static io.rootscope.backend.db.schema.Tables.DIM_RESOURCE;
import static io.rootscope.backend.db.schema.Tables.EVENT_ENVELOPE;
import static io.rootscope.backend.db.schema.Tables.METRIC_1M;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import io.rootscope.analytics.rca.methods.RootCauseMethods;
import io.rootscope.backend.json.Json;
import io.rootscope.backend.refusal.InvalidInputException;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.impl.DSL;

/** Template-variable values ({@code POST /variable}) and ad-hoc filter keys and values. */
public final class VariableQueries {

    public static final List<String> TARGETS = List.of("services", "resources", "incidents", "metrics", "methods");
    private static final int LIMIT = 1000;

    /** {@code target}: what to list; {@code type}: resource type for {@code resources}; {@code resource}: URN for {@code metrics}. */
    @JsonIgnoreProperties(ignoreUnknown = false)
    record VariablePayload(String target, String type, String resource) {
    }

    public List<Map<String, String>> values(QueryContext context, JsonNode payload) {
        VariablePayload request = Json.convert(payload, VariablePayload.class, "payload");
        String target = request.target() == null ? "" : request.target();
        Condition tenant = DIM_RESOURCE.TENANT_ID.eq(context.tenantId());
        return switch (target) {
            case "services" -> resources(context, tenant.and(DIM_RESOURCE.TYPE.eq("service")));
            case "resources" -> resources(context, request.type() == null ? tenant : tenant.and(DIM_RESOURCE.TYPE.eq(request.type())));
            case "incidents" -> context.db()
                    .select(EVENT_ENVELOPE.EVENT_ID, EVENT_ENVELOPE.TITLE, EVENT_ENVELOPE.STARTED_AT)
                    .from(EVENT_ENVELOPE)
                    .where(EVENT_ENVELOPE.TENANT_ID.eq(context.tenantId()))
                    .and(EVENT_ENVELOPE.STARTED_AT.lt(context.to().atOffset(ZoneOffset.UTC)))
                    .and(EVENT_ENVELOPE.ENDED_AT.isNull().or(EVENT_ENVELOPE.ENDED_AT.gt(context.from().atOffset(ZoneOffset.UTC))))
                    .orderBy(EVENT_ENVELOPE.STARTED_AT.desc())
                    .limit(LIMIT)
                    .fetch(r -> option(r.value2() + " (" + r.value3().toInstant() + ")", r.value1().toString()));
            case "metrics" -> context.db()
                    .selectDistinct(METRIC_1M.METRIC)
                    .from(METRIC_1M).join(DIM_RESOURCE).on(DIM_RESOURCE.RESOURCE_ID.eq(METRIC_1M.RESOURCE_ID))
                    .where(METRIC_1M.TENANT_ID.eq(context.tenantId()))
                    .and(request.resource() == null ? DSL.noCondition() : DIM_RESOURCE.URN.eq(request.resource()))
                    .and(METRIC_1M.BUCKET.ge(context.from().atOffset(ZoneOffset.UTC)))
                    .orderBy(METRIC_1M.METRIC)
                    .limit(LIMIT)
                    .fetch(r -> option(r.value1(), r.value1()));
            // The RCA method names, for a dashboard's method variable (the editors read them from /metrics).
            case "methods" -> RootCauseMethods.names().stream().map(name -> option(name, name)).toList();
            default -> throw new InvalidInputException("payload.target", "unknown variable target '" + target + "'; known: " + TARGETS);
        };
    }

    public List<Map<String, String>> tagKeys() {
        return ResourceFilters.KEYS.stream().map(key -> Map.of("type", "string", "text", key)).toList();
    }

    public List<Map<String, String>> tagValues(QueryContext context, String key) {
        Condition tenant = DIM_RESOURCE.TENANT_ID.eq(context.tenantId());
        List<String> values = switch (key == null ? "" : key) {
            case "resource" -> context.db().select(DIM_RESOURCE.URN).from(DIM_RESOURCE).where(tenant).orderBy(DIM_RESOURCE.URN).limit(LIMIT).fetch(DIM_RESOURCE.URN);
            case "type" -> context.db().selectDistinct(DIM_RESOURCE.TYPE).from(DIM_RESOURCE).where(tenant).orderBy(DIM_RESOURCE.TYPE).fetch(DIM_RESOURCE.TYPE);
            case "namespace" -> context.db().selectDistinct(ResourceFilters.NAMESPACE).from(DIM_RESOURCE)
                    .where(tenant).and(ResourceFilters.NAMESPACE.isNotNull()).orderBy(ResourceFilters.NAMESPACE)
                    .fetch(ResourceFilters.NAMESPACE);
            case "severity" -> List.of("FATAL", "ERROR", "WARN", "INFO");
            default -> throw new InvalidInputException("key", "unknown tag key '" + key + "'; known: " + ResourceFilters.KEYS);
        };
        return values.stream().map(value -> Map.of("text", value)).toList();
    }

    private static List<Map<String, String>> resources(QueryContext context, Condition condition) {
        return context.db().select(DIM_RESOURCE.URN, DIM_RESOURCE.NAME).from(DIM_RESOURCE)
                .where(condition.and(ResourceFilters.condition(context.filters())))
                .orderBy(DIM_RESOURCE.NAME).limit(LIMIT)
                .fetch(r -> option(r.value2(), r.value1()));
    }

    private static Map<String, String> option(String text, String value) {
        return Map.of("__text", text, "__value", value);
    }
}
