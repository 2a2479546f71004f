package io.rootscope.analytics.rca;

import java.util.List;

/** A loop-erased random-walk path from the front-end, and how many walkers ended on it. */
public record WalkPath(List<String> services, int walkers) {
    public WalkPath {
        services = List.copyOf(services);
    }
}
