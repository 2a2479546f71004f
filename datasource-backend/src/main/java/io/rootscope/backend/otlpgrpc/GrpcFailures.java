package io.rootscope.backend.otlpgrpc;

import com.google.rpc.Code;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.rootscope.backend.etl.parse.MalformedPayloadException;
import io.rootscope.backend.http.AccessDeniedException;
import io.rootscope.backend.protocol.RpcStatus;
import io.rootscope.backend.refusal.BusyException;
import io.rootscope.backend.refusal.DatabaseFailure;
import io.rootscope.backend.refusal.InvalidInputException;
import java.util.Optional;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps every failure of an export to the gRPC status OTLP prescribes, as {@code http}'s {@code ErrorHandling} maps it to
 * HTTP: bad input → INVALID_ARGUMENT naming the field; no or an unknown token → UNAUTHENTICATED; a tenant the token does
 * not reach → PERMISSION_DENIED; busy (too many exports, or no pooled connection free in time) → RESOURCE_EXHAUSTED and
 * the database away → UNAVAILABLE, both with {@code RetryInfo} so clients retry instead of dropping the data; anything
 * else → INTERNAL with a generic message, its stack trace in the log only.
 */
final class GrpcFailures {

    private static final Logger LOG = LoggerFactory.getLogger(GrpcFailures.class);
    private static final OptionalInt NO_RETRY = OptionalInt.empty();

    private GrpcFailures() {
    }

    static StatusRuntimeException status(Throwable failure, String method) {
        if (failure instanceof InvalidInputException || failure instanceof MalformedPayloadException) {
            return status(Code.INVALID_ARGUMENT, failure.getMessage(), NO_RETRY);
        }
        if (failure instanceof AccessDeniedException denied) {
            return status(RpcStatus.forHttpStatus(denied.status()), denied.getMessage(), NO_RETRY);
        }
        if (failure instanceof BusyException busy) {
            return busy(busy.getMessage(), busy.retryAfterSeconds());
        }
        Optional<DatabaseFailure> database = DatabaseFailure.of(failure);
        if (database.isPresent()) {
            LOG.warn("database failure ({}) for {}: {}", database.get(), method, failure.getMessage());
            return switch (database.get()) {
                case UNAVAILABLE -> status(Code.UNAVAILABLE, "database unavailable (connection refused or lost); retry shortly",
                        OptionalInt.of(DatabaseFailure.OUTAGE_RETRY_AFTER_SECONDS));
                case POOL_EXHAUSTED -> busy("backend busy: every database connection stayed in use for the pool's wait "
                        + "(the database is up); retry shortly", DatabaseFailure.BUSY_RETRY_AFTER_SECONDS);
                case TIMED_OUT -> status(Code.DEADLINE_EXCEEDED, "the export exceeded the statement time limit", NO_RETRY);
            };
        }
        LOG.error("unexpected failure of {}", method, failure);
        return status(Code.INTERNAL, "internal error; see the backend log", NO_RETRY);
    }

    /** RESOURCE_EXHAUSTED with the pause after which the same request may succeed. */
    static StatusRuntimeException busy(String message, int retryAfterSeconds) {
        return status(Code.RESOURCE_EXHAUSTED, message, OptionalInt.of(retryAfterSeconds));
    }

    private static StatusRuntimeException status(Code code, String message, OptionalInt retryAfterSeconds) {
        return StatusProto.toStatusRuntimeException(RpcStatus.of(code, message, retryAfterSeconds));
    }
}
