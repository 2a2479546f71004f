package io.rootscope.analytics.rca.baseline;

import io.rootscope.analytics.rca.CleanedMetrics;
import io.rootscope.analytics.rca.Diagnosis;
import io.rootscope.analytics.rca.DiagnosisWindow;
import io.rootscope.analytics.rca.Explanation;
import io.rootscope.analytics.rca.MethodParameters;
import io.rootscope.analytics.rca.RankedService;
import io.rootscope.analytics.rca.RootCauseMethod;
import io.rootscope.analytics.rca.causal.BehaviorGraph;
import io.rootscope.analytics.rca.causal.BehaviorGraphBuilder;
import io.rootscope.analytics.rca.causal.FisherZTest;
import io.rootscope.analytics.rca.causal.PcSkeleton;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Personalized PageRank on the anomaly behavior graph, MicroRCA-like (Wu, Tordsson, Elmroth and Kao, "MicroRCA: Root
 * Cause Localization of Performance Issues in Microservices", NOMS 2020): the walk follows edges from effect to cause
 * (both ways on undirected edges) with probability proportional to the edge's mean weight over metric types, and
 * teleports, with probability 1 − d and from services without out-edges, to services in proportion to their robust
 * anomaly score ({@link Baro}). Services rank by the resulting PageRank. JGraphT's PageRank has no personalisation,
 * hence the power iteration here. Cost: the PC search, then O(iterations × n²).
 */
public final class PersonalizedPageRank implements RootCauseMethod {

    public static final String NAME = "pagerank";
    public static final double DAMPING_DEFAULT = 0.85;
    public static final int MAX_ITERATIONS_DEFAULT = 1000;
    public static final double TOLERANCE_DEFAULT = 1e-10;

    private final BehaviorGraphBuilder graphBuilder;
    private final double damping;

    /**
     * @param graphBuilder builds the behavior graph
     * @param damping      probability of following an edge rather than teleporting, in [0, 1)
     */
    public PersonalizedPageRank(BehaviorGraphBuilder graphBuilder, double damping) {
        if (!(damping >= 0 && damping < 1)) {
            throw new IllegalArgumentException("damping must be in [0, 1), got " + damping);
        }
        this.graphBuilder = graphBuilder;
        this.damping = damping;
    }

    /** Reads {@code alpha, maxConditioningSetSize, damping}; unknown keys are rejected. */
    public static PersonalizedPageRank fromParameters(Map<String, String> parameters) {
        MethodParameters p = new MethodParameters(NAME, parameters);
        PersonalizedPageRank method = new PersonalizedPageRank(new BehaviorGraphBuilder(
                p.getDouble("alpha", FisherZTest.ALPHA_DEFAULT),
                p.getInt("maxConditioningSetSize", PcSkeleton.MAX_CONDITIONING_SET_SIZE_DEFAULT)),
                p.getDouble("damping", DAMPING_DEFAULT));
        p.rejectUnknown();
        return method;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Diagnosis rank(DiagnosisWindow window) {
        CleanedMetrics metrics = new CleanedMetrics(window);
        BehaviorGraph graph = graphBuilder.build(metrics);
        DeviationScores anomaly = Baro.scores(metrics);
        int n = window.services().size();
        double[] teleport = new double[n];
        double total = 0;
        for (int v = 0; v < n; v++) {
            teleport[v] = anomaly.serviceScore(v);
            total += teleport[v];
        }
        for (int v = 0; v < n; v++) {
            teleport[v] = total > 0 ? teleport[v] / total : 1.0 / n;
        }
        double[] rank = pageRank(transitions(graph), teleport);
        List<RankedService> ranking = new ArrayList<>();
        for (int v = 0; v < n; v++) {
            ranking.add(new RankedService(window.services().get(v), rank[v]));
        }
        ranking.sort(Comparator.comparingDouble(RankedService::score).reversed()
                .thenComparing(RankedService::service));
        return new Diagnosis(NAME, ranking,
                new Explanation(graph.edges(), anomaly.contributions(), List.of(), Map.of()));
    }

    /** Row-normalised effect → cause weights; a row of zeros marks a service with no way on. */
    private static double[][] transitions(BehaviorGraph graph) {
        int n = graph.services().size();
        int types = graph.metricTypes().size();
        double[][] p = new double[n][n];
        for (int v = 0; v < n; v++) {
            double sum = 0;
            for (int cause : graph.causes(v)) {
                double w = 0;
                for (int t = 0; t < types; t++) {
                    w += graph.weight(t, v, cause) / types;
                }
                p[v][cause] = w;
                sum += w;
            }
            for (int u = 0; u < n && sum > 0; u++) {
                p[v][u] /= sum;
            }
        }
        return p;
    }

    private double[] pageRank(double[][] p, double[] teleport) {
        int n = teleport.length;
        double[] x = teleport.clone();
        for (int iteration = 0; iteration < MAX_ITERATIONS_DEFAULT; iteration++) {
            double dangling = 0;
            double[] next = new double[n];
            for (int u = 0; u < n; u++) {
                double out = 0;
                for (int v = 0; v < n; v++) {
                    next[v] += damping * x[u] * p[u][v];
                    out += p[u][v];
                }
                if (out == 0) {
                    dangling += x[u];
                }
            }
            double change = 0;
            for (int v = 0; v < n; v++) {
                next[v] += ((1 - damping) + damping * dangling) * teleport[v];
                change += Math.abs(next[v] - x[v]);
            }
            x = next;
            if (change < TOLERANCE_DEFAULT) {
                break;
            }
        }
        return x;
    }
}
