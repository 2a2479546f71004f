package io.rootscope.backend.refusal;

/**
 * What the caller names does not exist for it: an incident of another tenant is as absent as one that never was, so a
 * tenant learns nothing of another's. An invalid input whose {@code field} named it, which the HTTP error mapper answers
 * 404 instead of 400.
 */
public final class NotFoundException extends InvalidInputException {

    public NotFoundException(String field, String message) {
        super(field, message);
    }
}
