package io.rootscope.backend.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.rootscope.backend.etl.parse.MalformedPayloadException;
import io.rootscope.backend.refusal.BusyException;
import io.rootscope.backend.refusal.DatabaseFailure;
import io.rootscope.backend.refusal.InvalidInputException;
import io.rootscope.backend.refusal.NotFoundException;
import java.util.Optional;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps every failure to the one JSON error shape: bad input → 400 naming the field; missing or insufficient credentials
 * → 401/403 naming the header; a body over the limit → 413, arriving too slowly → 408, of another content type than
 * declared → 415; too many diagnoses at once → 429 "backend busy"; no pooled connection free in time while the database
 * answers → 503 "backend busy"; database unreachable → 503 "database unavailable" (the pool reconnects by itself when it
 * returns); query timeout → 504; anything else → 500 with a generic message. Every 429 and 503 carries
 * {@code Retry-After}. An OTLP/HTTP export sent in protobuf gets the same status with a protobuf {@code google.rpc.Status}
 * body instead ({@link ErrorBody}). Stack traces go to the log, never to the client.
 */
public final class ErrorHandling {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorHandling.class);
    private static final OptionalInt NO_RETRY = OptionalInt.empty();

    private ErrorHandling() {
    }

    public static void install(Javalin app) {
        app.exception(InvalidInputException.class, (e, ctx) -> answer(ctx, 400, e.getMessage(), e.field(), NO_RETRY));
        app.exception(NotFoundException.class, (e, ctx) -> answer(ctx, 404, e.getMessage(), e.field(), NO_RETRY));
        app.exception(AccessDeniedException.class, (e, ctx) -> answer(ctx, e.status(), e.getMessage(), e.field(), NO_RETRY));
        app.exception(MalformedPayloadException.class, (e, ctx) -> answer(ctx, 400, e.getMessage(), "body", NO_RETRY));
        app.exception(UnsupportedContentTypeException.class, (e, ctx) -> answer(ctx, 415, e.getMessage(), "Content-Type", NO_RETRY));
        app.exception(BusyException.class, (e, ctx) -> answer(ctx, 429, e.getMessage(), null, OptionalInt.of(e.retryAfterSeconds())));
        app.exception(HttpResponseException.class, (e, ctx) -> answer(ctx, e.getStatus(), e.getMessage(), null,
                e.getStatus() == 429 || e.getStatus() == 503 ? OptionalInt.of(DatabaseFailure.BUSY_RETRY_AFTER_SECONDS) : NO_RETRY));
        app.exception(Exception.class, (e, ctx) -> {
            RequestBodyException body = bodyFailure(e);
            Optional<DatabaseFailure> database = DatabaseFailure.of(e);
            if (body != null) {
                // The rest of the body stays unread: the connection cannot carry another request.
                ctx.header("Connection", "close");
                answer(ctx, body.status(), body.getMessage(), "body",
                        body.status() == 503 ? OptionalInt.of(BodyRequestGate.RETRY_AFTER_SECONDS) : NO_RETRY);
            } else if (database.isPresent() && database.get() == DatabaseFailure.UNAVAILABLE) {
                LOG.warn("database unavailable for {} {}: {}", ctx.method(), ctx.path(), e.getMessage());
                answer(ctx, 503, "database unavailable (connection refused or lost); retry shortly", null,
                        OptionalInt.of(DatabaseFailure.OUTAGE_RETRY_AFTER_SECONDS));
            } else if (database.isPresent() && database.get() == DatabaseFailure.POOL_EXHAUSTED) {
                LOG.warn("no database connection free in time for {} {}: {}", ctx.method(), ctx.path(), e.getMessage());
                answer(ctx, 503, "backend busy: every database connection stayed in use for the pool's wait "
                        + "(the database is up); retry shortly", null, OptionalInt.of(DatabaseFailure.BUSY_RETRY_AFTER_SECONDS));
            } else if (database.isPresent()) {
                answer(ctx, 504, "query exceeded the time limit; narrow the time range or payload", null, NO_RETRY);
            } else {
                LOG.error("unexpected failure of {} {}", ctx.method(), ctx.path(), e);
                answer(ctx, 500, "internal error; see the backend log", null, NO_RETRY);
            }
        });
        app.error(404, ctx -> {
            if (ctx.result() == null || ctx.result().isEmpty()) {
                ctx.json(new ApiError(404, "no endpoint " + ctx.method() + " " + ctx.path(), null));
            }
        });
    }

    /** The error answer, with {@code Retry-After} when given, in the request's error body ({@link ErrorBody}). */
    private static void answer(Context ctx, int status, String message, String field, OptionalInt retryAfterSeconds) {
        retryAfterSeconds.ifPresent(seconds -> ctx.header("Retry-After", String.valueOf(seconds)));
        ApiError error = new ApiError(status, message, field);
        if (ErrorBody.protobufExport(ctx.path(), ctx.header("Content-Type"))) {
            ctx.status(status).contentType(RequestBody.PROTOBUF).result(ErrorBody.status(error, retryAfterSeconds));
        } else {
            ctx.status(status).json(error);
        }
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
