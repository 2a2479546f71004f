package io.rootscope.backend.refusal;

/** The client sent something wrong; {@code field} names where (a JSON path such as {@code targets[0].payload.service}). */
public class BadRequestException extends RuntimeException {

    private final String field;

    public BadRequestException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
