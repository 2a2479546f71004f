package io.rootscope.analytics.rca.automap;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.jgrapht.Graph;
import org.jgrapht.alg.connectivity.KosarajuStrongConnectivityInspector;
import org.jgrapht.graph.DefaultDirectedGraph;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.traverse.BreadthFirstIterator;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Exact long-run visit distribution of a {@link TransitionChain} walked from its start: the limit of the Monte-Carlo
 * walk's visit shares as steps grow. Each closed communicating class C reachable from the start has a unique
 * stationary distribution π<sub>C</sub> (solving π(P<sub>C</sub> − I) = 0, Σπ = 1); the result is the mixture
 * Σ<sub>C</sub> h<sub>C</sub> π<sub>C</sub>, h<sub>C</sub> being the probability of being absorbed in C, which solves
 * (I − Q) h = r over the transient states (Kemeny and Snell, Finite Markov Chains, 1960). Transient and unreachable
 * states get 0. O(n³) by LU decomposition.
 */
public final class StationaryDistribution {

    private StationaryDistribution() {
    }

    public static double[] of(TransitionChain chain) {
        int n = chain.size();
        Graph<Integer, DefaultEdge> support = new DefaultDirectedGraph<>(DefaultEdge.class);
        new BreadthFirstIterator<>(supportGraph(chain), chain.start()).forEachRemaining(support::addVertex);
        for (int i : support.vertexSet()) {
            for (int j = 0; j < n; j++) {
                if (i != j && chain.probability(i, j) > 0) {
                    support.addEdge(i, j);
                }
            }
        }
        List<Set<Integer>> closed = new ArrayList<>();
        for (Set<Integer> component : new KosarajuStrongConnectivityInspector<>(support).stronglyConnectedSets()) {
            boolean leaves = component.stream().anyMatch(i -> support.outgoingEdgesOf(i).stream()
                    .anyMatch(e -> !component.contains(support.getEdgeTarget(e))));
            if (!leaves) {
                closed.add(component);
            }
        }
        List<Integer> transientStates = support.vertexSet().stream()
                .filter(i -> closed.stream().noneMatch(c -> c.contains(i))).sorted().toList();
        double[] result = new double[n];
        for (Set<Integer> component : closed) {
            double weight = component.contains(chain.start()) ? 1 : absorption(chain, transientStates, component);
            List<Integer> states = component.stream().sorted().toList();
            double[] pi = stationary(chain, states);
            for (int k = 0; k < states.size(); k++) {
                result[states.get(k)] += weight * pi[k];
            }
        }
        return result;
    }

    private static Graph<Integer, DefaultEdge> supportGraph(TransitionChain chain) {
        Graph<Integer, DefaultEdge> g = new DefaultDirectedGraph<>(DefaultEdge.class);
        for (int i = 0; i < chain.size(); i++) {
            g.addVertex(i);
        }
        for (int i = 0; i < chain.size(); i++) {
            for (int j = 0; j < chain.size(); j++) {
                if (i != j && chain.probability(i, j) > 0) {
                    g.addEdge(i, j);
                }
            }
        }
        return g;
    }

    /** π of an irreducible class: the transposed system with one equation replaced by Σπ = 1. */
    private static double[] stationary(TransitionChain chain, List<Integer> states) {
        int m = states.size();
        RealMatrix a = new Array2DRowRealMatrix(m, m);
        for (int r = 0; r < m; r++) {
            for (int c = 0; c < m; c++) {
                a.setEntry(r, c, chain.probability(states.get(c), states.get(r)) - (r == c ? 1 : 0));
            }
        }
        for (int c = 0; c < m; c++) {
            a.setEntry(m - 1, c, 1);
        }
        RealVector b = new ArrayRealVector(m);
        b.setEntry(m - 1, 1);
        return new LUDecomposition(a).getSolver().solve(b).toArray();
    }

    /** Probability that the walk from the (transient) start is absorbed in {@code component}. */
    private static double absorption(TransitionChain chain, List<Integer> transientStates, Set<Integer> component) {
        int m = transientStates.size();
        RealMatrix a = new Array2DRowRealMatrix(m, m);
        RealVector r = new ArrayRealVector(m);
        for (int x = 0; x < m; x++) {
            int i = transientStates.get(x);
            for (int y = 0; y < m; y++) {
                a.setEntry(x, y, (x == y ? 1 : 0) - chain.probability(i, transientStates.get(y)));
            }
            r.setEntry(x, component.stream().mapToDouble(j -> chain.probability(i, j)).sum());
        }
        RealVector h = new LUDecomposition(a).getSolver().solve(r);
        return h.getEntry(transientStates.indexOf(chain.start()));
    }
}
