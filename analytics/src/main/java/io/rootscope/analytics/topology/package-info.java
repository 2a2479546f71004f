/**
 * Topology naming and history: {@link io.rootscope.analytics.topology.Urn} normalises resource names and
 * {@link io.rootscope.analytics.topology.TopologyDiff} turns a snapshot into the intervals to open and close
 * in {@code topo_edge_time}; {@link io.rootscope.analytics.topology.GraphCap} keeps the most important part of a graph
 * too large to draw. No I/O.
 */
package io.rootscope.analytics.topology;
