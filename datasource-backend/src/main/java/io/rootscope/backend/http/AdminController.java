package io.rootscope.backend.http;

import io.javalin.http.Context;
import io.rootscope.backend.json.Json;
import io.rootscope.backend.refusal.InvalidInputException;
import io.rootscope.backend.tenancy.ApiTokens;
import io.rootscope.backend.tenancy.Caller;
import io.rootscope.backend.tenancy.Tenants;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The admin API, for admin tokens only (so never with authentication off): {@code POST /admin/tenants {code, name}},
 * {@code GET /admin/tenants}, {@code POST /admin/tokens {tenants: [code, ...]} | {admin: true}} — the token is in
 * that answer and nowhere else.
 */
public final class AdminController {

    private static final Pattern FIELD = Pattern.compile("(code|name|tenants)\\b");

    private final Tenants tenants;
    private final ApiTokens tokens;

    public AdminController(Tenants tenants, ApiTokens tokens) {
        this.tenants = tenants;
        this.tokens = tokens;
    }

    record TenantRequest(String code, String name) {
    }

    record TokenRequest(List<String> tenants, Boolean admin) {
    }

    public void addTenant(Context ctx) {
        requireAdmin(ctx);
        TenantRequest request = Json.read(RequestBody.json(ctx), TenantRequest.class, "body");
        Tenants.Tenant added = refusalsAsBadRequest(() -> tenants.add(request.code(), request.name()));
        ctx.status(201).json(describe(added));
    }

    public void listTenants(Context ctx) {
        requireAdmin(ctx);
        ctx.json(tenants.list().stream().map(AdminController::describe).toList());
    }

    public void issueToken(Context ctx) {
        requireAdmin(ctx);
        TokenRequest request = Json.read(RequestBody.json(ctx), TokenRequest.class, "body");
        boolean admin = Boolean.TRUE.equals(request.admin());
        boolean named = request.tenants() != null && !request.tenants().isEmpty();
        if (admin == named) {
            throw new InvalidInputException("tenants", "give either tenants: [code, ...] or admin: true");
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        if (admin) {
            answer.put("token", tokens.issueAdmin());
        } else {
            if (request.tenants().stream().anyMatch(code -> code == null || code.isBlank())) {
                throw new InvalidInputException("tenants", "a tenant code is empty");
            }
            Set<Long> ids = refusalsAsBadRequest(() -> tenants.idsOf(request.tenants()));
            answer.put("token", tokens.issueFor(ids));
        }
        answer.put("admin", admin);
        answer.put("tenants", admin ? List.of() : List.copyOf(request.tenants()));
        ctx.status(201).json(answer);
    }

    private static void requireAdmin(Context ctx) {
        Caller caller = ApiAuth.callerOf(ctx);
        if (!caller.admin()) {
            throw AccessDeniedException.forbidden("Authorization", caller == Caller.OPEN
                    ? "the admin API needs authentication on (ROOTSCOPE_AUTH_TOKEN) and an admin token; use ./rootscope tenant"
                    : "the admin API needs an admin token");
        }
    }

    private static Map<String, Object> describe(Tenants.Tenant tenant) {
        return Map.of("tenant_id", tenant.id(), "code", tenant.code(), "name", tenant.name());
    }

    private interface Action<T> {
        T run();
    }

    /** The service's refusals start with the field they are about. */
    private static <T> T refusalsAsBadRequest(Action<T> action) {
        try {
            return action.run();
        } catch (IllegalArgumentException e) {
            Matcher field = FIELD.matcher(String.valueOf(e.getMessage()));
            String name = field.lookingAt() ? field.group(1) : "body";
            String message = e.getMessage().startsWith(name + ": ") ? e.getMessage().substring(name.length() + 2) : e.getMessage();
            throw new InvalidInputException(name, message);
        }
    }
}
