package io.rootscope.backend.etl.parse;

/**
 * A field value that breaks the OTLP JSON encoding. The message says how; the caller knows which field, and
 * {@link #subPath()} locates the problem inside it, e.g. {@code .code} within {@code status}.
 */
final class FieldProblem extends Exception {

    private static final long serialVersionUID = 1L;

    private final String subPath;

    FieldProblem(String message) {
        this("", message);
    }

    FieldProblem(String subPath, String message) {
        super(message, null, false, false);
        this.subPath = subPath;
    }

    /** The path inside the field, empty when the problem is the field's value itself. */
    String subPath() {
        return subPath;
    }

    /** The same problem seen from an enclosing value: {@code prefix} is prepended to the sub-path. */
    FieldProblem under(String prefix) {
        return new FieldProblem(prefix + subPath, getMessage());
    }

    /** The reject for this problem in the field at {@code fieldPath}. */
    ParseReject reject(String fieldPath) {
        return new ParseReject(fieldPath + subPath, getMessage());
    }
}
