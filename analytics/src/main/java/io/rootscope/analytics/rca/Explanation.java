package io.rootscope.analytics.rca;

import java.util.List;
import java.util.Map;

/**
 * Why a method ranked as it did, as plain data for display: the behavior-graph edges, each service's score split per
 * metric type, the most visited random-walk paths, the metric-type weights used, and the log, trace and metric
 * findings that point at each candidate. Parts a method does not produce are empty.
 *
 * @param edges               behavior-graph edges with their weights
 * @param metricContributions service → metric type → contribution to the service's score
 * @param paths               most visited walk paths (or call paths from the front-end), most travelled first
 * @param metricTypeWeights   metric type → weight used by the method
 * @param evidence            findings per candidate, strongest first
 */
public record Explanation(List<BehaviorEdge> edges, Map<String, Map<String, Double>> metricContributions,
                          List<WalkPath> paths, Map<String, Double> metricTypeWeights, List<EvidenceItem> evidence) {

    public Explanation {
        edges = List.copyOf(edges);
        metricContributions = Map.copyOf(metricContributions);
        paths = List.copyOf(paths);
        metricTypeWeights = Map.copyOf(metricTypeWeights);
        evidence = List.copyOf(evidence);
    }

    /** An explanation of a metric-only method: no log or trace findings. */
    public Explanation(List<BehaviorEdge> edges, Map<String, Map<String, Double>> metricContributions,
                       List<WalkPath> paths, Map<String, Double> metricTypeWeights) {
        this(edges, metricContributions, paths, metricTypeWeights, List.of());
    }
}
