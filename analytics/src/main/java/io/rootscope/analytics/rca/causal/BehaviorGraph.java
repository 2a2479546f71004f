package io.rootscope.analytics.rca.causal;

import io.rootscope.analytics.rca.BehaviorEdge;
import io.rootscope.analytics.rca.MetricType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * AutoMAP's anomaly behavior graph (Ma et al., WWW 2020, Sect. 3.1): services as nodes, an edge where two services
 * are dependent in at least one metric type, oriented cause → effect where the data (or the call graph) tells, and
 * one weight matrix per metric type. Immutable; built by {@link BehaviorGraphBuilder}.
 */
public final class BehaviorGraph {

    private final List<String> services;
    private final List<MetricType> metricTypes;
    private final PartiallyDirectedGraph graph;
    private final double[][][] weights;
    private final int[][] causes;
    private final int[][] effects;

    BehaviorGraph(List<String> services, List<MetricType> metricTypes, PartiallyDirectedGraph graph,
                  double[][][] weights) {
        this.services = List.copyOf(services);
        this.metricTypes = List.copyOf(metricTypes);
        this.graph = graph;
        this.weights = weights;
        int n = services.size();
        causes = new int[n][];
        effects = new int[n][];
        for (int v = 0; v < n; v++) {
            final int node = v;
            // An undirected edge may point either way, so its other end is a candidate cause.
            causes[v] = IntStream.range(0, n)
                    .filter(u -> graph.directed(u, node) || graph.undirected(u, node)).toArray();
            effects[v] = IntStream.range(0, n).filter(u -> graph.directed(node, u)).toArray();
        }
    }

    public List<String> services() {
        return services;
    }

    public List<MetricType> metricTypes() {
        return metricTypes;
    }

    /** Weight of the edge u–v in metric type {@code type}: |correlation| where dependent in that type, else 0. */
    public double weight(int type, int u, int v) {
        return weights[type][u][v];
    }

    /** Possible causes of v: parents, and neighbours over undirected edges. Shared: do not modify. */
    public int[] causes(int v) {
        return causes[v];
    }

    /** Effects of v: children over directed edges. Shared: do not modify. */
    public int[] effects(int v) {
        return effects[v];
    }

    /** The edges as plain data: each directed edge once, each undirected edge once with the lower index first. */
    public List<BehaviorEdge> edges() {
        List<BehaviorEdge> edges = new ArrayList<>();
        int n = services.size();
        for (int u = 0; u < n; u++) {
            for (int v = 0; v < n; v++) {
                boolean directed = graph.directed(u, v);
                if (directed || (u < v && graph.undirected(u, v))) {
                    Map<String, Double> w = new LinkedHashMap<>();
                    for (int t = 0; t < metricTypes.size(); t++) {
                        if (weights[t][u][v] > 0) {
                            w.put(metricTypes.get(t).name(), weights[t][u][v]);
                        }
                    }
                    edges.add(new BehaviorEdge(services.get(u), services.get(v), directed, w));
                }
            }
        }
        return edges;
    }

    @Override
    public String toString() {
        return "BehaviorGraph" + Arrays.toString(edges().toArray());
    }
}
