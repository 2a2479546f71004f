package io.rootscope.analytics.evaluation;

/**
 * Accuracy of a ranking against the true root cause (RCAEval, Pham et al., ASE 2024): AC@k is 1 when the root cause
 * is among the first k, Avg@k the mean of AC@1..AC@k. Averaging over cases gives the usual figures.
 */
public final class RankingMetrics {

    private RankingMetrics() {
    }

    /**
     * @param rank 1-based rank of the true root cause, 0 when it was not ranked
     * @param k    cut-off, at least 1
     */
    public static double accuracyAt(int rank, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, got " + k);
        }
        return rank >= 1 && rank <= k ? 1 : 0;
    }

    /** Mean of AC@1..AC@k for one case. */
    public static double averageAccuracyAt(int rank, int k) {
        double sum = 0;
        for (int i = 1; i <= k; i++) {
            sum += accuracyAt(rank, i);
        }
        return sum / k;
    }
}
