package io.rootscope.backend.etl.parse;

/**
 * A record left out of a batch, with where it is — a JSON field path such as
 * {@code resourceSpans[0].scopeSpans[1].spans[3].startTimeUnixNano} or a line such as {@code line 7} — and
 * what is wrong with it.
 */
public record ParseReject(String location, String problem) {

    @Override
    public String toString() {
        return location + ": " + problem;
    }
}
