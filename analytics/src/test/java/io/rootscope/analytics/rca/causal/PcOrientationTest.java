package io.rootscope.analytics.rca.causal;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PcOrientationTest {

    private static boolean[][] adjacency(int n, int[]... edges) {
        boolean[][] a = new boolean[n][n];
        for (int[] e : edges) {
            a[e[0]][e[1]] = true;
            a[e[1]][e[0]] = true;
        }
        return a;
    }

    @Test
    void vStructureAndMeekRule1OrientTheColliderAndItsDescendant() {
        // true DAG 0 → 2 ← 1, 2 → 3, learned from data by the PC skeleton
        double[][] w = new double[4][4];
        w[0][2] = 0.7;
        w[1][2] = 0.7;
        w[2][3] = 0.8;
        PcSkeleton pc = new PcSkeleton(new FisherZTest(LinearGaussianData.correlation(w, 2000, new Random(2)), 2000,
                0.01), 2);
        boolean[][] a = new boolean[4][4];
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                a[i][j] = pc.adjacent(i, j);
            }
        }
        PartiallyDirectedGraph g = PcOrientation.orient(a,
                (i, k, j) -> java.util.Arrays.stream(pc.separatingSet(i, j)).noneMatch(x -> x == k), List.of());
        assertTrue(g.directed(0, 2));
        assertTrue(g.directed(1, 2));
        assertTrue(g.directed(2, 3));
        assertFalse(g.directed(2, 0) || g.directed(3, 2));
    }

    @Test
    void chainWithoutBackgroundKnowledgeStaysUndirected() {
        PartiallyDirectedGraph g = PcOrientation.orient(adjacency(3, new int[]{0, 1}, new int[]{1, 2}),
                (i, k, j) -> false, List.of());
        assertTrue(g.undirected(0, 1));
        assertTrue(g.undirected(1, 2));
    }

    @Test
    void backgroundKnowledgePropagatesByRule1() {
        PartiallyDirectedGraph g = PcOrientation.orient(adjacency(3, new int[]{0, 1}, new int[]{1, 2}),
                (i, k, j) -> false, List.<int[]>of(new int[]{0, 1}));
        assertTrue(g.directed(0, 1));
        assertTrue(g.directed(1, 2));
    }

    @Test
    void rule2AvoidsCycles() {
        // 0 → 2 → 1 known, 0 – 1 must become 0 → 1
        PartiallyDirectedGraph g = PcOrientation.orient(
                adjacency(3, new int[]{0, 1}, new int[]{0, 2}, new int[]{2, 1}), (i, k, j) -> false,
                List.of(new int[]{0, 2}, new int[]{2, 1}));
        assertTrue(g.directed(0, 1));
    }

    @Test
    void rule3OrientsTheEdgeIntoTwoColliderParents() {
        // 1 → 3 ← 2 (collider, 1 and 2 non-adjacent), 0 – 1, 0 – 2, 0 – 3 ⇒ 0 → 3
        boolean[][] a = adjacency(4, new int[]{0, 1}, new int[]{0, 2}, new int[]{0, 3}, new int[]{1, 3},
                new int[]{2, 3});
        PartiallyDirectedGraph g = PcOrientation.orient(a, (i, k, j) -> k == 3, List.of());
        assertTrue(g.directed(1, 3) && g.directed(2, 3));
        assertTrue(g.undirected(0, 1) && g.undirected(0, 2));
        assertTrue(g.directed(0, 3));
    }
}
