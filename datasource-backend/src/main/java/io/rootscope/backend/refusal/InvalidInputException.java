package io.rootscope.backend.refusal;

/**
 * The caller's input is wrong: a request field, a query payload, a header or a command argument. {@code field} names
 * where (a JSON path such as {@code targets[0].payload.service}); the message says what is wrong in the caller's words.
 * The HTTP error mapper answers it 400 naming the field.
 */
public class InvalidInputException extends RuntimeException {

    private final String field;

    public InvalidInputException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
