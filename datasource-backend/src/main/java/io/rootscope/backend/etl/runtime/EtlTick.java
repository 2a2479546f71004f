package io.rootscope.backend.etl.runtime;

import java.util.List;
import java.util.Map;

/**
 * What one pass of the scheduler did, in DAG order.
 *
 * @param windows   every window attempted, ingest jobs first, then aggregation jobs
 * @param late      every bucket recomputed because staged rows arrived after its windows ran
 * @param graph     the active-call-graph refresh of each tenant whose turn it was here (once a period across replicas)
 * @param lifecycle the retention and rollup jobs run, with their results
 */
public record EtlTick(List<WindowRun> windows, List<WindowRun> late, Map<Long, ActiveCallGraphRefresher.Refresh> graph,
                      Map<String, String> lifecycle) {
}
