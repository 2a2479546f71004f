package io.rootscope.backend.http;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.rootscope.backend.db.TenantReader;
import io.rootscope.backend.json.Json;
import io.rootscope.backend.protocol.DataFrame;
import io.rootscope.backend.protocol.QueryLimits;
import io.rootscope.backend.protocol.QueryRequest;
import io.rootscope.backend.query.QueryContext;
import io.rootscope.backend.query.QueryKind;
import io.rootscope.backend.query.QueryKinds;
import io.rootscope.backend.query.ResourceFilters;
import io.rootscope.backend.query.VariableQueries;
import io.rootscope.backend.refusal.InvalidInputException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Grafana's JSON data-source protocol (the contract of simpod-json-datasource): HTTP in and out only; the
 * query kinds do the work.
 */
public final class DataSourceController {

    private final QueryKinds kinds;
    private final VariableQueries variables;
    private final TenantResolver tenants;
    private final TenantReader reader;
    private final QueryLimits limits;

    public DataSourceController(QueryKinds kinds, VariableQueries variables, TenantResolver tenants, TenantReader reader,
                                QueryLimits limits) {
        this.kinds = kinds;
        this.variables = variables;
        this.tenants = tenants;
        this.reader = reader;
        this.limits = limits;
    }

    /** {@code GET /}: "Test connection" succeeds only when the database answers too, and the tenant exists. */
    public void testConnection(Context ctx) {
        tenants.forRequest(ctx);
        reader.unscoped().selectOne().fetch();
        ctx.json(Map.of("status", "ok", "message", "Rootscope data source is working"));
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record MetricsRequest(String metric, JsonNode payload) {
    }

    /**
     * {@code POST /metrics}: every query kind with its payload options. The JSON plugin sends the current
     * {@code metric} and {@code payload} to allow dynamic options, but fills its kind picker from this same answer,
     * so the whole list is returned either way.
     */
    public void metrics(Context ctx) {
        String body = RequestBody.json(ctx);
        if (!body.isBlank()) {
            Json.read(body, MetricsRequest.class, "body");
        }
        ctx.json(kinds.all().stream().map(kind -> Map.of("label", kind.label(), "value", kind.name(), "payloads", kind.payloadOptions())).toList());
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record PayloadOptionsRequest(String metric, JsonNode payload, String name) {
    }

    /** {@code POST /metric-payload-options}: the choices of one dynamic payload field. */
    public void metricPayloadOptions(Context ctx) {
        PayloadOptionsRequest request = Json.read(RequestBody.json(ctx), PayloadOptionsRequest.class, "body");
        if (request.payload() != null && !request.payload().isObject() && !request.payload().isNull()) {
            throw new InvalidInputException("body.payload", "expected an object (the query's current payload)");
        }
        QueryKind kind = kinds.get(request.metric(), "metric");
        if (request.name() == null || kind.payloadOptions().stream().noneMatch(o -> o.name().equals(request.name()))) {
            throw new InvalidInputException("name", "query kind " + kind.name() + " has no payload field '" + request.name() + "'");
        }
        ctx.json(kind.optionValues(context(ctx, null), request.name(), request.payload()));
    }

    /** {@code POST /query}: runs every visible target and returns their frames, each tagged with its refId. */
    public void query(Context ctx) {
        QueryRequest request = Json.read(RequestBody.json(ctx), QueryRequest.class, "body");
        if (request.targets() == null) {
            throw new InvalidInputException("targets", "missing; expected an array of {refId, target, payload}");
        }
        if (request.targets().size() > limits.maxTargets()) {
            throw new InvalidInputException("targets", "at most " + limits.maxTargets() + " targets per request, got "
                    + request.targets().size() + " (ROOTSCOPE_QUERY_MAX_TARGETS)");
        }
        QueryContext context = context(ctx, request);
        List<DataFrame> frames = new ArrayList<>();
        for (int i = 0; i < request.targets().size(); i++) {
            QueryRequest.Target target = request.targets().get(i);
            if (Boolean.TRUE.equals(target.hide())) {
                continue;
            }
            QueryKind kind = kinds.get(target.target(), "targets[" + i + "].target");
            String refId = target.refId() == null ? String.valueOf((char) ('A' + i)) : target.refId();
            for (DataFrame frame : kind.run(context, payloadAt(target, i))) {
                frames.add(frame.withRefId(refId));
            }
        }
        ctx.json(frames);
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record VariableRequest(JsonNode payload, QueryRequest.Range range) {
    }

    /** {@code POST /variable}: the values of a template variable, as {@code [{__text, __value}]}. */
    public void variable(Context ctx) {
        VariableRequest request = Json.read(RequestBody.json(ctx), VariableRequest.class, "body");
        QueryRequest asQuery = new QueryRequest(request.range(), null, null, List.of(), Map.of(), List.of(), List.of());
        ctx.json(variables.values(context(ctx, asQuery), request.payload()));
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record TagKeysRequest() {
    }

    /** {@code POST /tag-keys}: the keys ad-hoc filters may use; Grafana sends its query options, which are not needed. */
    public void tagKeys(Context ctx) {
        String body = RequestBody.json(ctx);
        if (!body.isBlank()) {
            Json.read(body, TagKeysRequest.class, "body");
        }
        ctx.json(variables.tagKeys());
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record TagValuesRequest(String key) {
    }

    /** {@code POST /tag-values}: the values of one ad-hoc filter key. */
    public void tagValues(Context ctx) {
        TagValuesRequest request = Json.read(RequestBody.json(ctx), TagValuesRequest.class, "body");
        ctx.json(variables.tagValues(context(ctx, null), request.key()));
    }

    private static JsonNode payloadAt(QueryRequest.Target target, int index) {
        JsonNode payload = target.payload();
        // The stock JSON plugin sends the payload as an object; older versions and hand-written panels as a string.
        if (payload != null && payload.isTextual()) {
            String text = payload.asText().trim();
            return text.isEmpty() ? null : Json.read(text, JsonNode.class, "targets[" + index + "].payload");
        }
        return payload;
    }

    private QueryContext context(Context ctx, QueryRequest request) {
        TenantResolver.Tenant tenant = tenants.forRequest(ctx);
        Instant to = Instant.now();
        Instant from = to.minus(Duration.ofHours(1));
        long intervalMs = 60_000;
        int maxDataPoints = 1000;
        List<QueryRequest.AdhocFilter> filters = List.of();
        if (request != null) {
            if (request.range() != null) {
                if (request.range().from() == null || request.range().to() == null) {
                    throw new InvalidInputException("range", "needs both from and to");
                }
                from = request.range().from();
                to = request.range().to();
                if (!from.isBefore(to)) {
                    throw new InvalidInputException("range.from", "must be before range.to");
                }
                if (Duration.between(from, to).compareTo(limits.maxRange()) > 0) {
                    throw new InvalidInputException("range", "spans more than the maximum of " + limits.maxRange().toDays() + " days");
                }
            }
            if (request.maxDataPoints() != null) {
                if (request.maxDataPoints() < 1 || request.maxDataPoints() > limits.maxDataPoints()) {
                    throw new InvalidInputException("maxDataPoints", "must be between 1 and " + limits.maxDataPoints());
                }
                maxDataPoints = request.maxDataPoints();
            }
            if (request.intervalMs() != null) {
                if (request.intervalMs() < 1) {
                    throw new InvalidInputException("intervalMs", "must be positive");
                }
                intervalMs = request.intervalMs();
            }
            filters = request.allFilters();
            ResourceFilters.validate(reader.unscoped(), filters);
        }
        return new QueryContext(tenant.code(), tenant.id(), from, to, intervalMs, maxDataPoints, filters, reader.forTenant(tenant.id()),
                reader.upToDate(tenant.id()));
    }
}
