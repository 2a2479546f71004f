package io.rootscope.backend.http;

import io.javalin.http.Context;
import io.rootscope.backend.tenancy.ApiTokens;
import io.rootscope.backend.tenancy.Caller;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bearer-token authentication, on when {@code ROOTSCOPE_AUTH_TOKEN} is set: that token is an admin token, and so is
 * every admin token issued into {@code api_token}; the other issued tokens act for their tenants only. With it unset
 * every request acts as {@link Caller#OPEN}. Health and Prometheus scraping stay open for probes. The scheme is
 * matched in any case (RFC 7235). Each request's {@link Caller} is left in the context under {@link #CALLER}.
 */
public final class ApiAuth {

    public static final String CALLER = "rootscope.caller";
    /** How long a verified issued token is believed without asking the database again. */
    public static final Duration CACHE_FOR_DEFAULT = Duration.ofMinutes(1);
    private static final String SCHEME = "bearer ";

    private record Verified(Caller caller, Instant until) {
    }

    private final Optional<byte[]> configured;
    private final ApiTokens tokens;
    private final Clock clock;
    // Holds only tokens that were issued, so it is bounded by the rows of api_token.
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();

    public ApiAuth(Optional<String> configuredToken, ApiTokens tokens, Clock clock) {
        configuredToken.ifPresent(token -> {
            if (token.isBlank()) {
                throw new IllegalArgumentException("ROOTSCOPE_AUTH_TOKEN must not be blank when set");
            }
        });
        this.configured = configuredToken.map(token -> token.getBytes(StandardCharsets.UTF_8));
        this.tokens = tokens;
        this.clock = clock;
    }

    public boolean enabled() {
        return configured.isPresent();
    }

    public void check(Context ctx) {
        if (configured.isEmpty()) {
            ctx.attribute(CALLER, Caller.OPEN);
            return;
        }
        boolean scrape = "GET".equals(ctx.method().name()) && "/metrics".equals(ctx.path());
        if (scrape || "/health".equals(ctx.path()) || "OPTIONS".equals(ctx.method().name())) {
            return;
        }
        try {
            ctx.attribute(CALLER, authenticate(ctx.header("Authorization")));
        } catch (AccessDeniedException e) {
            ctx.header("WWW-Authenticate", "Bearer");
            throw e;
        }
    }

    /**
     * The caller an {@code Authorization} value (an HTTP header, gRPC metadata) names: {@link Caller#OPEN} with auth off.
     *
     * @throws AccessDeniedException 401 for no bearer token or an unknown one
     */
    public Caller authenticate(String authorization) {
        if (configured.isEmpty()) {
            return Caller.OPEN;
        }
        if (authorization == null || authorization.length() <= SCHEME.length()
                || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            throw AccessDeniedException.unauthorized("missing bearer token (Authorization: Bearer <token>)");
        }
        return caller(authorization.substring(SCHEME.length()).trim())
                .orElseThrow(() -> AccessDeniedException.unauthorized("unknown bearer token"));
    }

    /** The caller of the request, as {@link #check} found it; a request that was not checked may do nothing. */
    public static Caller callerOf(Context ctx) {
        Caller caller = ctx.attribute(CALLER);
        if (caller == null) {
            throw AccessDeniedException.unauthorized("missing bearer token (Authorization: Bearer <token>)");
        }
        return caller;
    }

    private Optional<Caller> caller(String token) {
        if (MessageDigest.isEqual(configured.get(), token.getBytes(StandardCharsets.UTF_8))) {
            return Optional.of(Caller.ADMIN);
        }
        Instant now = clock.instant();
        Verified known = verified.get(token);
        if (known != null && known.until().isAfter(now)) {
            return Optional.of(known.caller());
        }
        Optional<Caller> found = tokens.lookup(token);
        found.ifPresentOrElse(caller -> verified.put(token, new Verified(caller, now.plus(CACHE_FOR_DEFAULT))), () -> verified.remove(token));
        return found;
    }
}
