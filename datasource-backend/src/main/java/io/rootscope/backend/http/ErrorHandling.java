package io.rootscope.backend.http;

import io.javalin.Javalin;
import io.javalin.http.HttpResponseException;
import io.rootscope.backend.db.DatabaseFailures;
import io.rootscope.backend.etl.parse.MalformedPayloadException;
import io.rootscope.backend.refusal.BusyException;
import io.rootscope.backend.refusal.InvalidInputException;
import io.rootscope.backend.refusal.NotFoundException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps every failure to the one JSON error shape: bad input → 400 naming the field; missing or insufficient credentials
 * → 401/403 naming the header; a body over the limit → 413, arriving too slowly → 408, of another content type than
 * declared → 415; too many diagnoses at once → 429 "backend busy"; no pooled connection free in time while the database
 * answers → 503 "backend busy"; database unreachable → 503 "database unavailable" (the pool reconnects by itself when it
 * returns); query timeout → 504; anything else → 500 with a generic message. Every 429 and 503 carries
 * {@code Retry-After}. Stack traces go to the log, never to the client.
 */
public final class ErrorHandling {

    /** Seconds to wait before retrying after a refusal under load: the queue of a few requests has drained by then. */
    public static final int BUSY_RETRY_AFTER_SECONDS = 2;
    /** Seconds to wait before retrying during an outage: reconnecting takes the pool a few seconds once it is back. */
    public static final int OUTAGE_RETRY_AFTER_SECONDS = 5;

    private static final Logger LOG = LoggerFactory.getLogger(ErrorHandling.class);

    private ErrorHandling() {
    }

    public static void install(Javalin app) {
        app.exception(InvalidInputException.class, (e, ctx) ->
                ctx.status(400).json(new ApiError(400, e.getMessage(), e.field())));
        app.exception(NotFoundException.class, (e, ctx) ->
                ctx.status(404).json(new ApiError(404, e.getMessage(), e.field())));
        app.exception(AccessDeniedException.class, (e, ctx) ->
                ctx.status(e.status()).json(new ApiError(e.status(), e.getMessage(), e.field())));
        app.exception(MalformedPayloadException.class, (e, ctx) ->
                ctx.status(400).json(new ApiError(400, e.getMessage(), "body")));
        app.exception(UnsupportedContentTypeException.class, (e, ctx) ->
                ctx.status(415).json(new ApiError(415, e.getMessage(), "Content-Type")));
        app.exception(BusyException.class, (e, ctx) -> {
            ctx.header("Retry-After", String.valueOf(e.retryAfterSeconds()));
            ctx.status(429).json(new ApiError(429, e.getMessage(), null));
        });
        app.exception(HttpResponseException.class, (e, ctx) -> {
            if (e.getStatus() == 429 || e.getStatus() == 503) {
                ctx.header("Retry-After", String.valueOf(BUSY_RETRY_AFTER_SECONDS));
            }
            ctx.status(e.getStatus()).json(new ApiError(e.getStatus(), e.getMessage(), null));
        });
        app.exception(Exception.class, (e, ctx) -> {
            String sqlState = DatabaseFailures.sqlState(e);
            RequestBodyException body = bodyFailure(e);
            if (body != null) {
                // The rest of the body stays unread: the connection cannot carry another request.
                ctx.header("Connection", "close");
                if (body.status() == 503) {
                    ctx.header("Retry-After", String.valueOf(BodyRequestGate.RETRY_AFTER_SECONDS));
                }
                ctx.status(body.status()).json(new ApiError(body.status(), body.getMessage(), "body"));
            } else if (DatabaseFailures.unavailable(e)) {
                LOG.warn("database unavailable for {} {}: {}", ctx.method(), ctx.path(), e.getMessage());
                ctx.header("Retry-After", String.valueOf(OUTAGE_RETRY_AFTER_SECONDS));
                ctx.status(503).json(new ApiError(503, "database unavailable (connection refused or lost); retry shortly", null));
            } else if (DatabaseFailures.poolWaitTimedOut(e)) {
                LOG.warn("no database connection free in time for {} {}: {}", ctx.method(), ctx.path(), e.getMessage());
                ctx.header("Retry-After", String.valueOf(BUSY_RETRY_AFTER_SECONDS));
                ctx.status(503).json(new ApiError(503, "backend busy: every database connection stayed in use for the pool's wait "
                        + "(the database is up); retry shortly", null));
            } else if ("57014".equals(sqlState)) {
                ctx.status(504).json(new ApiError(504, "query exceeded the time limit; narrow the time range or payload", null));
            } else {
                LOG.error("unexpected failure of {} {}", ctx.method(), ctx.path(), e);
                ctx.status(500).json(new ApiError(500, "internal error; see the backend log", null));
            }
        });
        app.error(404, ctx -> {
            if (ctx.result() == null || ctx.result().isEmpty()) {
                ctx.json(new ApiError(404, "no endpoint " + ctx.method() + " " + ctx.path(), null));
            }
        });
    }

    /** Parsers and readers may wrap the body's own failure. */
    private static RequestBodyException bodyFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof RequestBodyException body) {
                return body;
            }
        }
        return null;
    }
}
