package io.rootscope.backend.graph;

/** The edge labels of the AGE graph {@code ops}, as created by migration V004. */
public enum GraphRelation {
    /** A service calls another (from traces). */
    CALLS,
    /** A network link between devices or hosts (from the graph-builder and inventory). */
    CONNECTS_TO,
    /** A workload runs on a host or node. */
    RUNS_ON
}
