package io.rootscope.analytics.rca.causal;

import java.util.List;

/**
 * Orientation phase of the PC algorithm: background knowledge first, then v-structures (i → k ← j for every
 * unshielded triple i – k – j with k outside the separating set of i and j), then Meek's rules R1–R4 until no edge
 * changes (Meek, UAI 1995; R4 is needed only with background knowledge). An edge already oriented is never reversed,
 * so conflicting v-structures keep the first orientation. O(n⁴) per sweep in the worst case (R3/R4), in practice
 * bounded by the edges.
 */
public final class PcOrientation {

    /** Decides whether the unshielded triple i – k – j (i, j non-adjacent) is a collider i → k ← j. */
    @FunctionalInterface
    public interface SeparationOracle {
        boolean colliderAllowed(int i, int k, int j);
    }

    private PcOrientation() {
    }

    /**
     * Orients a skeleton.
     *
     * @param adjacency  symmetric adjacency of the skeleton
     * @param separation says whether an unshielded triple i – k – j is a collider (k not in the separating set)
     * @param required   edges {cause, effect} known in advance; ignored where the skeleton has no such edge
     */
    public static PartiallyDirectedGraph orient(boolean[][] adjacency, SeparationOracle separation,
                                                List<int[]> required) {
        int n = adjacency.length;
        PartiallyDirectedGraph g = new PartiallyDirectedGraph(n);
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                if (adjacency[i][j]) {
                    g.addUndirected(i, j);
                }
            }
        }
        for (int[] edge : required) {
            g.orient(edge[0], edge[1]);
        }
        orientColliders(g, separation);
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int a = 0; a < n; a++) {
                for (int b = 0; b < n; b++) {
                    if (g.undirected(a, b) && (rule1(g, a, b) || rule2(g, a, b) || rule3(g, a, b)
                            || rule4(g, a, b))) {
                        changed |= g.orient(a, b);
                    }
                }
            }
        }
        return g;
    }

    private static void orientColliders(PartiallyDirectedGraph g, SeparationOracle separation) {
        int n = g.variables();
        for (int k = 0; k < n; k++) {
            for (int i = 0; i < n; i++) {
                if (!g.adjacent(i, k)) {
                    continue;
                }
                for (int j = i + 1; j < n; j++) {
                    if (g.adjacent(j, k) && !g.adjacent(i, j) && separation.colliderAllowed(i, k, j)
                            && !g.directed(k, i) && !g.directed(k, j)) {
                        g.orient(i, k);
                        g.orient(j, k);
                    }
                }
            }
        }
    }

    /** R1: c → a – b, c and b non-adjacent ⇒ a → b (else a new v-structure). */
    private static boolean rule1(PartiallyDirectedGraph g, int a, int b) {
        for (int c = 0; c < g.variables(); c++) {
            if (g.directed(c, a) && !g.adjacent(c, b) && c != b) {
                return true;
            }
        }
        return false;
    }

    /** R2: a → c → b and a – b ⇒ a → b (else a cycle). */
    private static boolean rule2(PartiallyDirectedGraph g, int a, int b) {
        for (int c = 0; c < g.variables(); c++) {
            if (g.directed(a, c) && g.directed(c, b)) {
                return true;
            }
        }
        return false;
    }

    /** R3: a – c → b, a – d → b, c and d non-adjacent, a – b ⇒ a → b. */
    private static boolean rule3(PartiallyDirectedGraph g, int a, int b) {
        int n = g.variables();
        for (int c = 0; c < n; c++) {
            if (!g.undirected(a, c) || !g.directed(c, b)) {
                continue;
            }
            for (int d = c + 1; d < n; d++) {
                if (g.undirected(a, d) && g.directed(d, b) && !g.adjacent(c, d)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** R4: a – b, c → d → b, a adjacent to c and to d, c and b non-adjacent ⇒ a → b. */
    private static boolean rule4(PartiallyDirectedGraph g, int a, int b) {
        int n = g.variables();
        for (int d = 0; d < n; d++) {
            if (!g.directed(d, b) || !g.adjacent(a, d)) {
                continue;
            }
            for (int c = 0; c < n; c++) {
                if (c != b && g.directed(c, d) && g.adjacent(a, c) && !g.adjacent(c, b)) {
                    return true;
                }
            }
        }
        return false;
    }
}
