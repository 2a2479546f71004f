package io.rootscope.backend.config;

/** A setting that is unknown, misplaced or has a bad value; the message names its key. Entry points print it and exit 2. */
public final class ConfigException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}
