package io.rootscope.backend.http;

import java.io.IOException;

/**
 * A request body that cannot be taken: too large (413), arriving too slowly or stalled (408), cut short (400). An
 * {@link IOException}, as the stream it comes from throws, so parsers pass it on unchanged; the error mapping finds it
 * also when wrapped.
 */
public final class RequestBodyException extends IOException {

    private final int status;

    public RequestBodyException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
