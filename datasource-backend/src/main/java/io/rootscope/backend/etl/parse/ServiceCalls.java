package io.rootscope.backend.etl.parse;

import java.util.List;

/**
 * The calls derived from a set of spans.
 *
 * @param unresolvedParents spans whose parent was not among the given spans (it may arrive in another batch)
 */
public record ServiceCalls(List<ServiceCall> calls, int unresolvedParents) {

    public ServiceCalls {
        calls = List.copyOf(calls);
    }
}
