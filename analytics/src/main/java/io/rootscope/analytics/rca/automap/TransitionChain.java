package io.rootscope.analytics.rca.automap;

import io.rootscope.analytics.rca.causal.BehaviorGraph;

/**
 * The Markov chain of AutoMAP's heuristic random walk (Ma et al., WWW 2020, Sect. 3.3, after CloudRanger, Wang et
 * al., CCGRID 2018). From service i the walker moves forward to a possible cause j with weight S<sub>j</sub>, backward
 * to an effect j with weight ρ·S<sub>j</sub>, and stays with weight max(0, S<sub>i</sub> − max over causes
 * S<sub>j</sub>), so it settles on a service that explains the front-end anomaly better than all its causes; S is the
 * similarity to the front-end anomaly. Rows are normalised; a service with no move stays. O(n²) memory.
 */
public final class TransitionChain {

    public static final double RHO_DEFAULT = 0.2;

    private final double[][] probabilities;
    private final int start;

    /** Tolerance on the row sums of a transition matrix. */
    private static final double ROW_SUM_TOLERANCE = 1e-9;

    /**
     * @param probabilities square row-stochastic transition matrix (kept, not copied)
     * @param start         index the walker starts from (the front-end)
     */
    public TransitionChain(double[][] probabilities, int start) {
        if (start < 0 || start >= probabilities.length) {
            throw new IllegalArgumentException("start " + start + " outside 0.." + (probabilities.length - 1));
        }
        for (int i = 0; i < probabilities.length; i++) {
            double sum = 0;
            for (double p : probabilities[i]) {
                if (!(p >= 0)) {
                    throw new IllegalArgumentException("transition probabilities must be >= 0, row " + i + " has " + p);
                }
                sum += p;
            }
            if (probabilities[i].length != probabilities.length || Math.abs(sum - 1) > ROW_SUM_TOLERANCE) {
                throw new IllegalArgumentException("row " + i + " of the transition matrix must have "
                        + probabilities.length + " entries summing to 1, has " + probabilities[i].length
                        + " summing to " + sum);
            }
        }
        this.probabilities = probabilities;
        this.start = start;
    }

    /**
     * The heuristic chain on a behavior graph.
     *
     * @param similarity S per service, non-negative
     * @param rho        backward-move factor in [0, 1]
     * @param start      the front-end's index
     */
    public static TransitionChain heuristic(BehaviorGraph graph, double[] similarity, double rho, int start) {
        if (!(rho >= 0 && rho <= 1)) {
            throw new IllegalArgumentException("rho must be in [0, 1], got " + rho);
        }
        int n = similarity.length;
        double[][] p = new double[n][n];
        for (int i = 0; i < n; i++) {
            double bestCause = 0;
            for (int j : graph.causes(i)) {
                p[i][j] += similarity[j];
                bestCause = Math.max(bestCause, similarity[j]);
            }
            for (int j : graph.effects(i)) {
                p[i][j] += rho * similarity[j];
            }
            p[i][i] += Math.max(0, similarity[i] - bestCause);
            double sum = 0;
            for (double v : p[i]) {
                sum += v;
            }
            if (sum <= 0) {
                p[i][i] = 1;
            } else {
                for (int j = 0; j < n; j++) {
                    p[i][j] /= sum;
                }
            }
        }
        return new TransitionChain(p, start);
    }

    public int size() {
        return probabilities.length;
    }

    public int start() {
        return start;
    }

    /** Probability of moving from i to j. */
    public double probability(int i, int j) {
        return probabilities[i][j];
    }
}
