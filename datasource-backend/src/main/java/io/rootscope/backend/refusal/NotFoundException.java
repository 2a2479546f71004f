package io.rootscope.backend.refusal;

/**
 * What the caller names does not exist for it: an incident of another tenant is as absent as one that never was, so a
 * tenant learns nothing of another's. {@code field} names the input that named it; the HTTP error mapper answers 404.
 */
public final class NotFoundException extends RuntimeException {

    private final String field;

    public NotFoundException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
