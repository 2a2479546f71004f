package io.rootscope.analytics.rca.automap;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class StationaryDistributionTest {

    @Test
    void irreducibleTwoStateChain() {
        // π = (b, a) / (a + b) for P = [[1 − a, a], [b, 1 − b]]
        TransitionChain chain = new TransitionChain(new double[][]{{0.9, 0.1}, {0.5, 0.5}}, 0);
        assertArrayEquals(new double[]{5.0 / 6, 1.0 / 6}, StationaryDistribution.of(chain), 1e-12);
    }

    @Test
    void transientStartMixesTheClosedClassesByAbsorptionProbability() {
        // 0 → 1 (absorbing) w.p. 0.2, → {2, 3} (closed, π = ½, ½) w.p. 0.6, stays w.p. 0.2; 4 unreachable
        double[][] p = {
                {0.2, 0.2, 0.6, 0, 0},
                {0, 1, 0, 0, 0},
                {0, 0, 0, 1, 0},
                {0, 0, 1, 0, 0},
                {1, 0, 0, 0, 0}};
        double[] pi = StationaryDistribution.of(new TransitionChain(p, 0));
        assertArrayEquals(new double[]{0, 0.25, 0.375, 0.375, 0}, pi, 1e-12);
    }

    @Test
    void simulatedWalkConvergesToTheExactDistribution() {
        double[][] p = {{0.5, 0.3, 0.2}, {0.1, 0.6, 0.3}, {0.4, 0.4, 0.2}};
        TransitionChain chain = new TransitionChain(p, 0);
        double[] exact = StationaryDistribution.of(chain);
        double[] walk = new HeuristicRandomWalk(chain, 200, 500, new Random(5)).run().visitShare();
        assertArrayEquals(exact, walk, 0.02);
        assertEquals(1.0, java.util.Arrays.stream(exact).sum(), 1e-12);
    }

    @Test
    void rejectsMalformedChains() {
        assertThrows(IllegalArgumentException.class, () -> new TransitionChain(new double[][]{{1}}, 1));
        assertThrows(IllegalArgumentException.class, () -> new TransitionChain(new double[][]{{0.5, 0.4}, {0, 1}}, 0));
        assertThrows(IllegalArgumentException.class, () -> new TransitionChain(new double[][]{{1.5, -0.5}, {0, 1}}, 0));
        assertThrows(IllegalArgumentException.class, () -> new TransitionChain(new double[][]{{1}, {0, 1}}, 0));
    }
}
