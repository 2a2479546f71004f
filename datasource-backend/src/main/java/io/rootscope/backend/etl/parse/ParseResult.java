package io.rootscope.backend.etl.parse;

import java.util.List;

/**
 * The records a batch yielded and the ones it rejected: a bad record never takes the good ones of its batch
 * down with it, and never disappears unreported.
 */
public record ParseResult<T>(List<T> accepted, List<ParseReject> rejects) {

    public ParseResult {
        accepted = List.copyOf(accepted);
        rejects = List.copyOf(rejects);
    }

    public boolean hasRejects() {
        return !rejects.isEmpty();
    }
}
