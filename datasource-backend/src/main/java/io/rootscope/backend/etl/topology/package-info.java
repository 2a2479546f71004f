/**
 * Topology snapshots (Neo4j, inventory files) turned into {@code topo_edge_time} intervals and mirrored into AGE. A
 * service (an ETL source run by {@code etl.runtime}): may use {@code etl.runtime}, storage and support.
 */
package io.rootscope.backend.etl.topology;
