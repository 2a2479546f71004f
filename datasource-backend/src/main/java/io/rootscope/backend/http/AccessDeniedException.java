package io.rootscope.backend.http;

/** 401 (no or unknown credentials) or 403 (credentials that do not reach what was asked); {@code field} names the header or field. */
public final class AccessDeniedException extends RuntimeException {

    private final int status;
    private final String field;

    private AccessDeniedException(int status, String field, String message) {
        super(field + ": " + message);
        this.status = status;
        this.field = field;
    }

    public static AccessDeniedException unauthorized(String message) {
        return new AccessDeniedException(401, "Authorization", message);
    }

    public static AccessDeniedException forbidden(String field, String message) {
        return new AccessDeniedException(403, field, message);
    }

    public int status() {
        return status;
    }

    public String field() {
        return field;
    }
}
