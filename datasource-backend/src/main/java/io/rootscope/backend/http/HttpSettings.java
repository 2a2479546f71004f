package io.rootscope.backend.http;

import java.time.Duration;
import java.util.List;

/**
 * What bounds one client can put on the server: the largest request body, how long a connection may stay silent,
 * how slowly a body may arrive, how many requests may be receiving a body at once, and which browser origins may call.
 *
 * @param maxBodyBytes       the largest request body, counted while it streams in (and, once bodies may be compressed,
 *                           after decompression)
 * @param idleTimeout        a connection (or a blocked body read or response write) silent this long is closed
 * @param minDataRate        bytes per second below which a request body (averaged after its first second) is cut off
 *                           with 408; 0: no minimum
 * @param maxBodyRequests    requests with a body being served at once; more are refused with 503 and Retry-After, so
 *                           slow uploads can never take every server thread
 * @param maxBodyBytesInFlight body bytes read by the requests being served, together; a request whose next bytes would go
 *                           past it is refused with 503 and Retry-After, so concurrent large bodies cannot exhaust the heap
 * @param corsOrigins        origins allowed to call from a browser (empty: CORS off; {@code *}: any)
 */
public record HttpSettings(long maxBodyBytes, Duration idleTimeout, long minDataRate, int maxBodyRequests,
                           int maxBodyBytesInFlight, List<String> corsOrigins) {

    public static final long MAX_BODY_BYTES_DEFAULT = 32L * 1024 * 1024;
    public static final Duration IDLE_TIMEOUT_DEFAULT = Duration.ofSeconds(30);
    public static final long MIN_DATA_RATE_DEFAULT = 16 * 1024;
    /** Jetty's server threads: {@link #MAX_BODY_REQUESTS_LIMIT} of them at most serve requests with a body. */
    public static final int THREADS = 250;
    public static final int MAX_BODY_REQUESTS_LIMIT = 200;
    public static final int MAX_BODY_REQUESTS_DEFAULT = 100;
    /** Two bodies of the largest size; parsed, a body takes several times its size on the heap. */
    public static final int MAX_BODY_BYTES_IN_FLIGHT_DEFAULT = 64 * 1024 * 1024;

    public HttpSettings {
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("maxBodyBytes must be positive, got " + maxBodyBytes);
        }
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("idleTimeout must be positive, got " + idleTimeout);
        }
        if (minDataRate < 0) {
            throw new IllegalArgumentException("minDataRate must not be negative, got " + minDataRate);
        }
        if (maxBodyRequests < 1 || maxBodyRequests > MAX_BODY_REQUESTS_LIMIT) {
            throw new IllegalArgumentException("maxBodyRequests must be between 1 and " + MAX_BODY_REQUESTS_LIMIT + ", got " + maxBodyRequests);
        }
        if (maxBodyBytesInFlight < maxBodyBytes) {
            throw new IllegalArgumentException("maxBodyBytesInFlight must be at least maxBodyBytes (" + maxBodyBytes + "), got " + maxBodyBytesInFlight);
        }
        corsOrigins = List.copyOf(corsOrigins);
    }

    public static HttpSettings defaults() {
        return new HttpSettings(MAX_BODY_BYTES_DEFAULT, IDLE_TIMEOUT_DEFAULT, MIN_DATA_RATE_DEFAULT, MAX_BODY_REQUESTS_DEFAULT,
                MAX_BODY_BYTES_IN_FLIGHT_DEFAULT, List.of());
    }

    public HttpSettings withCorsOrigins(List<String> origins) {
        return new HttpSettings(maxBodyBytes, idleTimeout, minDataRate, maxBodyRequests, maxBodyBytesInFlight, origins);
    }
}
