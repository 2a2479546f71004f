package io.rootscope.analytics.rca.causal;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FisherZTestTest {

    /** Equicorrelation ρ among 7 variables: the partial correlation given k others is ρ / (1 + kρ). */
    private static double[][] equicorrelated(int n, double rho) {
        double[][] c = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                c[i][j] = i == j ? 1 : rho;
            }
        }
        return c;
    }

    @Test
    void partialCorrelationMatchesClosedFormByRecursionAndByInverse() {
        FisherZTest test = new FisherZTest(equicorrelated(7, 0.5), 100, 0.05);
        assertEquals(0.5, test.partialCorrelation(0, 1, new int[0]), 1e-12);
        assertEquals(0.5 / 1.5, test.partialCorrelation(0, 1, new int[]{2}), 1e-12);
        assertEquals(0.5 / 2.5, test.partialCorrelation(0, 1, new int[]{2, 3, 4}), 1e-12);
        assertEquals(0.5 / 3.5, test.partialCorrelation(0, 1, new int[]{2, 3, 4, 5, 6}), 1e-9);
    }

    @Test
    void pValueFollowsFisherTransform() {
        double[][] c = {{1, 0.2}, {0.2, 1}};
        FisherZTest test = new FisherZTest(c, 103, 0.05);
        double z = 0.5 * Math.log(1.2 / 0.8) * Math.sqrt(100);
        // 2 (1 − Φ(2.027)) = 0.04266 (standard normal table)
        assertEquals(2.0273, z, 1e-3);
        assertEquals(0.0427, test.pValue(0, 1, new int[0]), 1e-3);
        assertFalse(test.independent(0, 1, new int[0]));
        assertTrue(new FisherZTest(c, 103, 0.01).independent(0, 1, new int[0]));
    }

    @Test
    void independenceDecisionEqualsComparingThePValueWithAlpha() {
        double[][] c = LinearGaussianData.correlation(new double[][]{{0, 0.3, 0.1, 0}, {0, 0, 0.2, 0.1},
                {0, 0, 0, 0.05}, {0, 0, 0, 0}}, 60, new Random(6));
        FisherZTest test = new FisherZTest(c, 60, 0.05);
        int[][] sets = {{}, {2}, {3}, {2, 3}};
        for (int[] given : sets) {
            for (int i = 0; i < 4; i++) {
                for (int j = 0; j < 4; j++) {
                    if (i != j && !contains(given, i) && !contains(given, j)) {
                        assertEquals(test.pValue(i, j, given) >= 0.05, test.independent(i, j, given));
                    }
                }
            }
        }
    }

    private static boolean contains(int[] set, int x) {
        return Arrays.stream(set).anyMatch(k -> k == x);
    }

    @Test
    void tooFewSamplesForTheConditioningSetMeansIndependenceCannotBeRejected() {
        FisherZTest test = new FisherZTest(equicorrelated(7, 0.9), 6, 0.05);
        assertEquals(1.0, test.pValue(0, 1, new int[]{2, 3, 4}));
        assertTrue(test.independent(0, 1, new int[]{2, 3, 4}));
    }

    @Test
    void rejectsBadParameters() {
        double[][] c = equicorrelated(2, 0.1);
        assertThrows(IllegalArgumentException.class, () -> new FisherZTest(c, 100, 0));
        assertThrows(IllegalArgumentException.class, () -> new FisherZTest(c, 100, 1));
        assertThrows(IllegalArgumentException.class, () -> new FisherZTest(c, 3, 0.05));
    }
}
