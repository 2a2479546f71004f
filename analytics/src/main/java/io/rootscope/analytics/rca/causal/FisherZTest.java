package io.rootscope.analytics.rca.causal;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;

/**
 * Fisher-z conditional-independence test for Gaussian data, computed from a correlation matrix: the partial
 * correlation r of X<sub>i</sub>, X<sub>j</sub> given X<sub>S</sub> is transformed to
 * z = ½ ln((1+r)/(1−r)) √(n − |S| − 3), which is standard normal under independence (Fisher 1924; Kalisch and
 * Bühlmann, JMLR 2007, Sect. 2.2). Up to {@link #RECURSION_MAX_ORDER} conditioning variables the partial
 * correlation follows the recursion r<sub>ij·S∪k</sub> = (r<sub>ij·S</sub> − r<sub>ik·S</sub> r<sub>jk·S</sub>) /
 * √((1 − r<sub>ik·S</sub>²)(1 − r<sub>jk·S</sub>²)), O(3<sup>|S|</sup>); larger sets invert the (|S|+2)-submatrix,
 * O(|S|³).
 */
public final class FisherZTest {

    public static final double ALPHA_DEFAULT = 0.05;

    /** Largest conditioning set whose partial correlation uses the recursion rather than a matrix inverse. */
    public static final int RECURSION_MAX_ORDER = 3;

    /** Keeps z finite for (near-)perfect correlations. */
    private static final double MAX_ABS_CORRELATION = 1 - 1e-10;
    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(null, 0, 1);

    private final double[][] correlation;
    private final int sampleSize;
    /** criticalCorrelation[k]: the |partial correlation| at which |z| reaches the critical value given k variables. */
    private final double[] criticalCorrelation;

    /**
     * @param correlation symmetric correlation matrix, unit diagonal
     * @param sampleSize  number of samples the correlations were computed from
     * @param alpha       significance level in (0, 1): independence is rejected when p &lt; alpha
     */
    public FisherZTest(double[][] correlation, int sampleSize, double alpha) {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1), got " + alpha);
        }
        if (sampleSize < 4) {
            throw new IllegalArgumentException("the Fisher-z test needs at least 4 samples, got " + sampleSize);
        }
        this.correlation = correlation;
        this.sampleSize = sampleSize;
        double criticalZ = STANDARD_NORMAL.inverseCumulativeProbability(1 - alpha / 2);
        // |z| <= c  ⇔  |atanh r| <= c / √dof  ⇔  |r| <= tanh(c / √dof): the hot test needs no logarithm.
        this.criticalCorrelation = new double[Math.max(0, sampleSize - 3)];
        for (int k = 0; k < criticalCorrelation.length; k++) {
            criticalCorrelation[k] = Math.tanh(criticalZ / Math.sqrt(sampleSize - k - 3.0));
        }
    }

    public int variables() {
        return correlation.length;
    }

    /** Correlation of i and j with the variables in {@code given} partialled out. */
    public double partialCorrelation(int i, int j, int[] given) {
        double r = given.length <= RECURSION_MAX_ORDER ? recursive(i, j, given, given.length)
                : fromPrecision(i, j, given);
        return Math.max(-MAX_ABS_CORRELATION, Math.min(MAX_ABS_CORRELATION, r));
    }

    /** Partial correlation of i and j given the first {@code order} variables of {@code given}. */
    private double recursive(int i, int j, int[] given, int order) {
        if (order == 0) {
            return correlation[i][j];
        }
        int k = given[order - 1];
        double rij = recursive(i, j, given, order - 1);
        double rik = recursive(i, k, given, order - 1);
        double rjk = recursive(j, k, given, order - 1);
        double denominator = Math.sqrt((1 - rik * rik) * (1 - rjk * rjk));
        return denominator <= 1e-12 ? 0 : (rij - rik * rjk) / denominator;
    }

    /** Two-sided p-value of the hypothesis that i and j are independent given {@code given}. */
    public double pValue(int i, int j, int[] given) {
        double z = statistic(i, j, given);
        return Double.isNaN(z) ? 1 : 2 * (1 - STANDARD_NORMAL.cumulativeProbability(Math.abs(z)));
    }

    /** Whether independence cannot be rejected at level alpha; same decision as {@code pValue >= alpha}. */
    public boolean independent(int i, int j, int[] given) {
        return given.length >= criticalCorrelation.length
                || Math.abs(partialCorrelation(i, j, given)) <= criticalCorrelation[given.length];
    }

    /** The z statistic, NaN when there are too few samples for the conditioning set. */
    private double statistic(int i, int j, int[] given) {
        int dof = sampleSize - given.length - 3;
        if (dof <= 0) {
            return Double.NaN;
        }
        double r = partialCorrelation(i, j, given);
        return 0.5 * Math.log((1 + r) / (1 - r)) * Math.sqrt(dof);
    }

    private double fromPrecision(int i, int j, int[] given) {
        int[] vars = new int[given.length + 2];
        vars[0] = i;
        vars[1] = j;
        System.arraycopy(given, 0, vars, 2, given.length);
        double[][] sub = new double[vars.length][vars.length];
        for (int a = 0; a < vars.length; a++) {
            for (int b = 0; b < vars.length; b++) {
                sub[a][b] = correlation[vars[a]][vars[b]];
            }
        }
        // The pseudo-inverse keeps the test defined when conditioning variables are collinear.
        RealMatrix precision = new SingularValueDecomposition(new Array2DRowRealMatrix(sub, false)).getSolver()
                .getInverse();
        double pii = precision.getEntry(0, 0);
        double pjj = precision.getEntry(1, 1);
        return pii <= 0 || pjj <= 0 ? 0 : -precision.getEntry(0, 1) / Math.sqrt(pii * pjj);
    }
}
