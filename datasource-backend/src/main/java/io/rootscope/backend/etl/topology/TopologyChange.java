package io.rootscope.backend.etl.topology;

/**
 * What applying a snapshot changed in {@code topo_edge_time}.
 *
 * @param opened    intervals opened (new edges, and changed edges reopened)
 * @param closed    intervals closed (vanished edges, and changed edges)
 * @param unchanged open intervals left as they were
 * @param rejected  source records left out of the snapshot
 */
public record TopologyChange(int opened, int closed, int unchanged, int rejected) {
}
