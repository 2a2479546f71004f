package io.rootscope.analytics.topology;

import java.time.Instant;
import java.util.List;

/**
 * What a topology snapshot taken at {@code at} changes in the temporal edge table: intervals to open at
 * {@code at}, intervals to close at {@code at}, and open intervals left as they are.
 */
public record TopologyDiff(Instant at, List<TopologyEdge> opened, List<TopologyEdge> closed,
                           List<TopologyEdge> unchanged) {

    public TopologyDiff {
        opened = List.copyOf(opened);
        closed = List.copyOf(closed);
        unchanged = List.copyOf(unchanged);
    }

    /** True when the snapshot changes nothing. */
    public boolean isEmpty() {
        return opened.isEmpty() && closed.isEmpty();
    }
}
