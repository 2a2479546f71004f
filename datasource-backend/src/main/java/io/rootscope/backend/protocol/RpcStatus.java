package io.rootscope.backend.protocol;

import com.google.protobuf.Any;
import com.google.protobuf.Duration;
import com.google.rpc.Code;
import com.google.rpc.RetryInfo;
import com.google.rpc.Status;
import java.util.OptionalInt;

/**
 * The {@code google.rpc.Status} an OTLP export fails with (OTLP specification, "Failures"): over gRPC in the status
 * details, over OTLP/HTTP as the protobuf body of a 4xx or 5xx. A refusal worth retrying carries {@code RetryInfo}
 * with the pause: without it a client takes {@code RESOURCE_EXHAUSTED} as final and drops the data.
 */
public final class RpcStatus {

    private RpcStatus() {
    }

    public static Status of(Code code, String message, OptionalInt retryAfterSeconds) {
        Status.Builder status = Status.newBuilder().setCode(code.getNumber()).setMessage(message);
        retryAfterSeconds.ifPresent(seconds -> status.addDetails(Any.pack(RetryInfo.newBuilder()
                .setRetryDelay(Duration.newBuilder().setSeconds(seconds)).build())));
        return status.build();
    }

    /** The gRPC code of an HTTP error status, as gRPC maps them (and 413 as the gRPC server answers a message over its limit). */
    public static Code forHttpStatus(int httpStatus) {
        return switch (httpStatus) {
            case 400, 415 -> Code.INVALID_ARGUMENT;
            case 401 -> Code.UNAUTHENTICATED;
            case 403 -> Code.PERMISSION_DENIED;
            case 404 -> Code.NOT_FOUND;
            case 408, 504 -> Code.DEADLINE_EXCEEDED;
            case 413, 429 -> Code.RESOURCE_EXHAUSTED;
            case 503 -> Code.UNAVAILABLE;
            default -> Code.INTERNAL;
        };
    }
}
