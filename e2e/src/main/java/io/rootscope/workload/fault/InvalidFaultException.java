package io.rootscope.workload.fault;

/** A fault request rejected because one named field is missing or out of range. */
public class InvalidFaultException extends IllegalArgumentException {

    private final String field;

    public InvalidFaultException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The request field at fault, as named in the HTTP API and ground truth. */
    public String field() {
        return field;
    }
}
