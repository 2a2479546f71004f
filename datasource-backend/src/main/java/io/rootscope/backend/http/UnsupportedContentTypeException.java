package io.rootscope.backend.http;

/** A body sent with another content type than the endpoint declares (415). */
public final class UnsupportedContentTypeException extends RuntimeException {

    public UnsupportedContentTypeException(String expected, String sent) {
        super("Content-Type must be " + expected + " (a charset parameter is allowed), got "
                + (sent == null || sent.isBlank() ? "none" : "'" + sent + "'"));
    }
}
