package io.rootscope.backend.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonMappingException;

/** A JSON value of the right kind that the backend still cannot take; its message is for the client as it is. */
final class RejectedValueException extends JsonMappingException {

    private static final long serialVersionUID = 1L;

    RejectedValueException(JsonParser parser, String message) {
        super(parser, message);
    }
}
