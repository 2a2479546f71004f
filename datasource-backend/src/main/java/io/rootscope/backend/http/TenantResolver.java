package io.rootscope.backend.http;

import static io.rootscope.backend.db.schema.Tables.DIM_TENANT;

import io.javalin.http.Context;
import io.rootscope.backend.refusal.InvalidInputException;
import io.rootscope.backend.refusal.StorableValues;
import io.rootscope.backend.tenancy.Caller;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.DSLContext;

/**
 * The tenant a request acts for: the one its header {@code X-Rootscope-Tenant} names, which the caller's token must
 * reach (else 403); without the header, the token's tenant when it has exactly one, else {@code default}. Codes and
 * ids are cached (tenants are never renamed). Reads {@code dim_tenant} past its row security, so it takes the
 * application role's connection.
 */
public final class TenantResolver {

    public static final String HEADER = "X-Rootscope-Tenant";
    public static final String DEFAULT_TENANT = "default";

    /** A tenant by code and id. */
    public record Tenant(String code, long id) {
    }

    private final DSLContext db;
    private final Map<String, Long> ids = new ConcurrentHashMap<>();
    private final Map<Long, String> codes = new ConcurrentHashMap<>();

    public TenantResolver(DSLContext db) {
        this.db = db;
    }

    /** The tenant code a request names (the header's value, or the default tenant). */
    public static String code(String header) {
        return header == null || header.isBlank() ? DEFAULT_TENANT : header.trim();
    }

    /** The tenant of a request: its header's, else its token's only tenant, else the default; one the caller may act for. */
    public Tenant forRequest(Context ctx) {
        return forCaller(ApiAuth.callerOf(ctx), ctx.header(HEADER));
    }

    /** The tenant {@code caller} acts for when it sends {@code header} as {@link #HEADER} (an HTTP header, gRPC metadata). */
    public Tenant forCaller(Caller caller, String header) {
        if ((header == null || header.isBlank()) && !caller.anyTenant() && caller.tenantIds().size() == 1) {
            long only = caller.tenantIds().iterator().next();
            return new Tenant(codeOf(only), only);
        }
        return permitted(caller, code(header), HEADER);
    }

    /** The tenant named by {@code code} in field {@code field}, if the caller of the request may act for it. */
    public Tenant permitted(Context ctx, String code, String field) {
        return permitted(ApiAuth.callerOf(ctx), code, field);
    }

    public long resolve(String tenant) {
        return find(tenant).orElseThrow(() -> new InvalidInputException(HEADER, "unknown tenant '" + tenant + "'"));
    }

    private Tenant permitted(Caller caller, String code, String field) {
        Optional<Long> id = find(code);
        // A token bound to tenants learns nothing about others, not even whether they exist.
        if (!caller.anyTenant() && (id.isEmpty() || !caller.mayActFor(id.get()))) {
            throw AccessDeniedException.forbidden(field, "this token may not act for tenant '" + code + "'"
                    + (caller.tenantIds().size() > 1 ? "; name one of its tenants in " + HEADER : ""));
        }
        return new Tenant(code, id.orElseThrow(() -> new InvalidInputException(field, "unknown tenant '" + code + "'")));
    }

    private Optional<Long> find(String tenant) {
        Long cached = ids.get(tenant);
        if (cached != null) {
            return Optional.of(cached);
        }
        if (!StorableValues.isStorable(tenant)) {
            throw new InvalidInputException(HEADER, "unknown tenant: " + StorableValues.NUL_PROBLEM);
        }
        Long id = db.select(DIM_TENANT.TENANT_ID).from(DIM_TENANT).where(DIM_TENANT.CODE.eq(tenant)).fetchOne(DIM_TENANT.TENANT_ID);
        if (id != null) {
            ids.put(tenant, id);
            codes.put(id, tenant);
        }
        return Optional.ofNullable(id);
    }

    private String codeOf(long tenantId) {
        return codes.computeIfAbsent(tenantId, id -> db.select(DIM_TENANT.CODE).from(DIM_TENANT).where(DIM_TENANT.TENANT_ID.eq(id))
                .fetchSingle(DIM_TENANT.CODE));
    }
}
