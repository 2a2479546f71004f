package io.rootscope.backend.http;

import io.javalin.Javalin;
import io.javalin.http.HttpResponseException;
import io.rootscope.backend.etl.parse.MalformedPayloadException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps every failure to the one JSON error shape: bad input → 400 naming the field, a body over the limit → 413,
 * arriving too slowly → 408, of another content type than declared → 415, database unreachable →
 * 503 (the pool reconnects by itself when it returns), query timeout → 504, anything else → 500 with a
 * generic message. Stack traces go to the log, never to the client.
 */
public final class ErrorHandling {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorHandling.class);

    private ErrorHandling() {
    }

    public static void install(Javalin app) {
        app.exception(BadRequestException.class, (e, ctx) ->
                ctx.status(400).json(new ApiError(400, e.getMessage(), e.field())));
        app.exception(MalformedPayloadException.class, (e, ctx) ->
                ctx.status(400).json(new ApiError(400, e.getMessage(), "body")));
        app.exception(UnsupportedContentTypeException.class, (e, ctx) ->
                ctx.status(415).json(new ApiError(415, e.getMessage(), "Content-Type")));
        app.exception(HttpResponseException.class, (e, ctx) ->
                ctx.status(e.getStatus()).json(new ApiError(e.getStatus(), e.getMessage(), null)));
        app.exception(Exception.class, (e, ctx) -> {
            String sqlState = sqlState(e);
            RequestBodyException body = bodyFailure(e);
            if (body != null) {
                // The rest of the body stays unread: the connection cannot carry another request.
                ctx.header("Connection", "close");
                if (body.status() == 503) {
                    ctx.header("Retry-After", String.valueOf(BodyRequestGate.RETRY_AFTER_SECONDS));
                }
                ctx.status(body.status()).json(new ApiError(body.status(), body.getMessage(), "body"));
            } else if (databaseUnavailable(e, sqlState)) {
                LOG.warn("database unavailable for {} {}: {}", ctx.method(), ctx.path(), e.getMessage());
                ctx.status(503).json(new ApiError(503, "database unavailable; retry shortly", null));
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

    private static boolean databaseUnavailable(Throwable e, String sqlState) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException) {
                return true;
            }
        }
        // Class 08: connection exceptions; 57P01-57P03: the server is shutting down or starting up.
        return sqlState != null && (sqlState.startsWith("08") || sqlState.startsWith("57P0"));
    }

    private static String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }
}
