package io.rootscope.backend.etl.parse;

/**
 * A payload that cannot be read at all — not JSON, or not the expected top-level object — as opposed to a
 * payload with some bad records, which yields a {@link ParseResult} with rejects. HTTP maps it to 400.
 */
public class MalformedPayloadException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public MalformedPayloadException(String message) {
        super(message);
    }

    public MalformedPayloadException(String message, Throwable cause) {
        super(message, cause);
    }
}
