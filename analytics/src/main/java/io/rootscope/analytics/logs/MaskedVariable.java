package io.rootscope.analytics.logs;

/** A class of variable value that {@link LogMasker} replaces by a fixed token before template mining. */
public enum MaskedVariable {
    URL("<URL>"),
    PATH("<PATH>"),
    UUID("<UUID>"),
    IP("<IP>"),
    HEX("<HEX>"),
    DURATION("<DURATION>"),
    NUMBER("<NUM>"),
    QUOTED("<QUOTED>");

    private final String token;

    MaskedVariable(String token) {
        this.token = token;
    }

    /** The token written in place of the value, e.g. {@code <NUM>}. */
    public String token() {
        return token;
    }
}
