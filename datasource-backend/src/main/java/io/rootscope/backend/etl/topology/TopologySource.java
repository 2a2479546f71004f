package io.rootscope.backend.etl.topology;

import io.rootscope.backend.etl.runtime.SourceUnavailableException;

/** Where topology snapshots come from (the Neo4j graph-builder, an inventory file, ...). */
public interface TopologySource {

    /** The source's name, recorded with each edge in {@code topo_edge_time.source}; snapshots are diffed per source. */
    String name();

    /** The topology as the source shows it now. */
    TopologySnapshot read() throws SourceUnavailableException;
}
