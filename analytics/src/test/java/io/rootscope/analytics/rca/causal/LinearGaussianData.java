package io.rootscope.analytics.rca.causal;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;

import java.util.Random;

/** Samples a linear Gaussian SEM over a hand-written DAG (variables in topological order) for the PC tests. */
final class LinearGaussianData {

    private LinearGaussianData() {
    }

    /** weights[p][j] is the coefficient of parent p in variable j (p &lt; j), 0 for no edge. */
    static double[][] correlation(double[][] weights, int samples, Random random) {
        int n = weights.length;
        double[][] data = new double[samples][n];
        for (int t = 0; t < samples; t++) {
            for (int j = 0; j < n; j++) {
                double v = random.nextGaussian();
                for (int p = 0; p < j; p++) {
                    v += weights[p][j] * data[t][p];
                }
                data[t][j] = v;
            }
        }
        return new PearsonsCorrelation().computeCorrelationMatrix(new Array2DRowRealMatrix(data, false)).getData();
    }
}
