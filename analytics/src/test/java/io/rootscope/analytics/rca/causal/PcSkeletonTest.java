package io.rootscope.analytics.rca.causal;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PcSkeletonTest {

    @Test
    void chainLosesOnlyTheEdgeSeparatedByTheMiddle() {
        // 0 → 1 → 2
        double[][] w = new double[3][3];
        w[0][1] = 0.8;
        w[1][2] = 0.8;
        PcSkeleton pc = new PcSkeleton(new FisherZTest(LinearGaussianData.correlation(w, 2000, new Random(1)), 2000,
                0.01), 2);
        assertTrue(pc.adjacent(0, 1));
        assertTrue(pc.adjacent(1, 2));
        assertEquals(2, pc.edgeCount());
        assertArrayEquals(new int[]{1}, pc.separatingSet(0, 2));
        assertNull(pc.separatingSet(0, 1));
    }

    @Test
    void colliderWithDescendantIsRecovered() {
        // 0 → 2 ← 1, 2 → 3
        double[][] w = new double[4][4];
        w[0][2] = 0.7;
        w[1][2] = 0.7;
        w[2][3] = 0.8;
        PcSkeleton pc = new PcSkeleton(new FisherZTest(LinearGaussianData.correlation(w, 2000, new Random(2)), 2000,
                0.01), 2);
        assertTrue(pc.adjacent(0, 2) && pc.adjacent(1, 2) && pc.adjacent(2, 3));
        assertEquals(3, pc.edgeCount());
        assertArrayEquals(new int[0], pc.separatingSet(0, 1));
        assertArrayEquals(new int[]{2}, pc.separatingSet(0, 3));
    }

    @Test
    void conditioningSetBoundKeepsEdgesThatNeedLargerSets() {
        // 0 → 1 → 3 and 0 → 2 → 3: 0 and 3 are separated only by {1, 2}
        double[][] w = new double[4][4];
        w[0][1] = 0.8;
        w[0][2] = 0.8;
        w[1][3] = 0.8;
        w[2][3] = 0.8;
        double[][] c = LinearGaussianData.correlation(w, 2000, new Random(3));
        assertTrue(new PcSkeleton(new FisherZTest(c, 2000, 0.01), 1).adjacent(0, 3));
        assertEquals(4, new PcSkeleton(new FisherZTest(c, 2000, 0.01), 2).edgeCount());
    }

    @Test
    void rejectsNegativeConditioningSetSize() {
        FisherZTest test = new FisherZTest(new double[][]{{1, 0}, {0, 1}}, 10, 0.05);
        assertThrows(IllegalArgumentException.class, () -> new PcSkeleton(test, -1));
    }
}
