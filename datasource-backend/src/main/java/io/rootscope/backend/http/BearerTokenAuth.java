package io.rootscope.backend.http;

import io.javalin.http.Context;
import io.javalin.http.UnauthorizedResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;

/** Optional bearer-token authentication; health and Prometheus scraping stay open for probes. */
public final class BearerTokenAuth {

    private static final Set<String> OPEN_PATHS = Set.of("/health");

    private final byte[] token;

    public BearerTokenAuth(String token) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("ROOTSCOPE_AUTH_TOKEN must not be blank when set");
        }
        this.token = token.getBytes(StandardCharsets.UTF_8);
    }

    public void check(Context ctx) {
        boolean scrape = "GET".equals(ctx.method().name()) && "/metrics".equals(ctx.path());
        if (scrape || OPEN_PATHS.contains(ctx.path()) || "OPTIONS".equals(ctx.method().name())) {
            return;
        }
        String header = ctx.header("Authorization");
        byte[] presented = header != null && header.startsWith("Bearer ")
                ? header.substring("Bearer ".length()).trim().getBytes(StandardCharsets.UTF_8) : new byte[0];
        if (!MessageDigest.isEqual(token, presented)) {
            throw new UnauthorizedResponse("missing or wrong bearer token in the Authorization header");
        }
    }
}
