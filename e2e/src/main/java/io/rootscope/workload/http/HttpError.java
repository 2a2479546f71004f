package io.rootscope.workload.http;

import java.util.Optional;

/** A request the API refuses; rendered as {@code {"error": message, "field": field}} with the status. */
final class HttpError extends RuntimeException {

    private final int status;
    private final Optional<String> field;

    HttpError(int status, String message) {
        this(status, message, Optional.empty());
    }

    HttpError(int status, String message, Optional<String> field) {
        super(message);
        this.status = status;
        this.field = field;
    }

    int status() {
        return status;
    }

    Optional<String> field() {
        return field;
    }
}
