package io.rootscope.backend.tenancy;

import static io.rootscope.backend.db.schema.Tables.API_TOKEN;
import static io.rootscope.backend.db.schema.Tables.API_TOKEN_TENANT;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.Record2;
import org.jooq.Result;

/**
 * Issued API tokens ({@code api_token}, V015): 32 random bytes, base64url, given to the caller once; the table keeps
 * only their SHA-256, so a read of the table yields no usable token.
 */
public final class ApiTokens {

    private final DSLContext db;
    private final SecureRandom random = new SecureRandom();

    /** @param db the writer's context; the lookup runs on every authenticated request, under its query timeout */
    public ApiTokens(DSLContext db) {
        this.db = db;
    }

    /** A new admin token; the returned text is the only copy. */
    public String issueAdmin() {
        return issue(true, Set.of());
    }

    /** A new token for these tenants (at least one); the returned text is the only copy. */
    public String issueFor(Set<Long> tenantIds) {
        if (tenantIds.isEmpty()) {
            throw new IllegalArgumentException("tenants: a token needs at least one tenant");
        }
        return issue(false, tenantIds);
    }

    /** What a presented token may do; empty when no such token was issued. */
    public Optional<Caller> lookup(String token) {
        Result<Record2<Boolean, Long>> rows = db.select(API_TOKEN.IS_ADMIN, API_TOKEN_TENANT.TENANT_ID).from(API_TOKEN)
                .leftJoin(API_TOKEN_TENANT).on(API_TOKEN_TENANT.TOKEN_ID.eq(API_TOKEN.TOKEN_ID))
                .where(API_TOKEN.TOKEN_SHA256.eq(sha256(token)))
                .fetch();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        if (rows.get(0).value1()) {
            return Optional.of(Caller.ADMIN);
        }
        Set<Long> tenants = new HashSet<>();
        rows.forEach(row -> {
            if (row.value2() != null) {
                tenants.add(row.value2());
            }
        });
        return Optional.of(Caller.ofTenants(tenants));
    }

    private String issue(boolean admin, Set<Long> tenantIds) {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        db.transaction(tx -> {
            long tokenId = tx.dsl().insertInto(API_TOKEN).set(API_TOKEN.TOKEN_SHA256, sha256(token)).set(API_TOKEN.IS_ADMIN, admin)
                    .returningResult(API_TOKEN.TOKEN_ID).fetchSingle(API_TOKEN.TOKEN_ID);
            if (!tenantIds.isEmpty()) {
                var bind = tx.dsl().insertInto(API_TOKEN_TENANT, API_TOKEN_TENANT.TOKEN_ID, API_TOKEN_TENANT.TENANT_ID);
                for (long tenantId : tenantIds) {
                    bind = bind.values(tokenId, tenantId);
                }
                bind.execute();
            }
        });
        return token;
    }

    static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }
}
