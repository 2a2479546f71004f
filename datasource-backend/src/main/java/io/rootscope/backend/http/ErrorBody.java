package io.rootscope.backend.http;

import io.rootscope.backend.protocol.RpcStatus;
import java.util.OptionalInt;

/**
 * The body of an error answer: the one JSON error shape, except for an OTLP/HTTP export sent in protobuf, which gets
 * the protobuf {@code google.rpc.Status} the OTLP specification requires (its client decodes no JSON).
 */
final class ErrorBody {

    private static final String OTLP_PATHS = "/v1/";

    private ErrorBody() {
    }

    /** Whether a request to {@code path} with {@code contentType} is an OTLP/HTTP protobuf export. */
    static boolean protobufExport(String path, String contentType) {
        return path.startsWith(OTLP_PATHS) && RequestBody.mediaType(contentType).equals(RequestBody.PROTOBUF);
    }

    static byte[] status(ApiError error, OptionalInt retryAfterSeconds) {
        String message = error.field() == null || error.error().startsWith(error.field() + ": ")
                ? error.error() : error.field() + ": " + error.error();
        return RpcStatus.of(RpcStatus.forHttpStatus(error.status()), message, retryAfterSeconds).toByteArray();
    }
}
