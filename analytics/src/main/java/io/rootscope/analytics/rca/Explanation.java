package io.rootscope.analytics.rca;

import java.util.List;
import java.util.Map;

/**
 * Why a method ranked as it did, as plain data for display: the behavior-graph edges, each service's score split per
 * metric type, the most visited random-walk paths and the metric-type weights used. Parts a method does not
 * produce are empty.
 *
 * @param edges               behavior-graph edges with their weights
 * @param metricContributions service → metric type → contribution to the service's score
 * @param paths               most visited walk paths, most visited first
 * @param metricTypeWeights   metric type → weight used by the method
 */
public record Explanation(List<BehaviorEdge> edges, Map<String, Map<String, Double>> metricContributions,
                          List<WalkPath> paths, Map<String, Double> metricTypeWeights) {

    public Explanation {
        edges = List.copyOf(edges);
        metricContributions = Map.copyOf(metricContributions);
        paths = List.copyOf(paths);
        metricTypeWeights = Map.copyOf(metricTypeWeights);
    }
}
