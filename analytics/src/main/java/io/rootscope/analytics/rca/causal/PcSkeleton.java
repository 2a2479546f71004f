package io.rootscope.analytics.rca.causal;

import java.util.Arrays;

/**
 * Skeleton phase of the PC algorithm, order-independent variant PC-stable (Spirtes, Glymour and Scheines 2000;
 * Colombo and Maathuis, JMLR 2014): starting from the complete graph, the edge i–j is removed as soon as i and j test
 * independent given some set S of current neighbours of i (or of j) of size l = 0, 1, … up to a bound; S is kept as
 * the separating set. Adjacency sets are frozen at the start of each level so the result does not depend on the
 * variable order. Worst case O(n² · C(n−2, l<sub>max</sub>)) tests; on sparse graphs far fewer.
 */
public final class PcSkeleton {

    public static final int MAX_CONDITIONING_SET_SIZE_DEFAULT = 2;

    private static final int[] EMPTY = new int[0];

    private final int n;
    private final boolean[][] adjacent;
    private final int[][][] separatingSets;

    /**
     * Runs the skeleton search.
     *
     * @param test                   the conditional-independence test, over {@code test.variables()} variables
     * @param maxConditioningSetSize largest separating set tried, at least 0
     */
    public PcSkeleton(FisherZTest test, int maxConditioningSetSize) {
        if (maxConditioningSetSize < 0) {
            throw new IllegalArgumentException("maximum conditioning set size must be >= 0, got "
                    + maxConditioningSetSize);
        }
        n = test.variables();
        adjacent = new boolean[n][n];
        separatingSets = new int[n][n][];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                adjacent[i][j] = i != j;
            }
        }
        for (int level = 0; level <= maxConditioningSetSize; level++) {
            int[][] frozen = neighbourLists();
            boolean testable = false;
            for (int i = 0; i < n; i++) {
                for (int j : frozen[i]) {
                    if (adjacent[i][j] && frozen[i].length - 1 >= level) {
                        testable = true;
                        removeIfSeparated(test, i, j, frozen[i], level);
                    }
                }
            }
            if (!testable) {
                break;
            }
        }
    }

    public int variables() {
        return n;
    }

    public boolean adjacent(int i, int j) {
        return adjacent[i][j];
    }

    /** The set that separated i and j, or null when they are adjacent. Shared: do not modify. */
    public int[] separatingSet(int i, int j) {
        return separatingSets[i][j];
    }

    /** Number of undirected edges. */
    public int edgeCount() {
        int count = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                count += adjacent[i][j] ? 1 : 0;
            }
        }
        return count;
    }

    private int[][] neighbourLists() {
        int[][] lists = new int[n][];
        for (int i = 0; i < n; i++) {
            int count = 0;
            int[] row = new int[n];
            for (int j = 0; j < n; j++) {
                if (adjacent[i][j]) {
                    row[count++] = j;
                }
            }
            lists[i] = Arrays.copyOf(row, count);
        }
        return lists;
    }

    /** Tries every subset of size {@code level} of i's frozen neighbours other than j, in lexicographic order. */
    private void removeIfSeparated(FisherZTest test, int i, int j, int[] neighbours, int level) {
        if (level == 0) {
            // The bulk of all tests: no candidate list to build.
            if (test.independent(i, j, EMPTY)) {
                separate(i, j, EMPTY);
            }
            return;
        }
        int[] candidates = new int[neighbours.length - 1];
        int c = 0;
        for (int k : neighbours) {
            if (k != j) {
                candidates[c++] = k;
            }
        }
        int[] pick = new int[level];
        for (int a = 0; a < level; a++) {
            pick[a] = a;
        }
        int[] set = new int[level];
        while (true) {
            for (int a = 0; a < level; a++) {
                set[a] = candidates[pick[a]];
            }
            if (test.independent(i, j, set)) {
                separate(i, j, set.clone());
                return;
            }
            if (!nextCombination(pick, candidates.length)) {
                return;
            }
        }
    }

    private void separate(int i, int j, int[] set) {
        adjacent[i][j] = false;
        adjacent[j][i] = false;
        separatingSets[i][j] = set;
        separatingSets[j][i] = set;
    }

    private static boolean nextCombination(int[] pick, int size) {
        int a = pick.length - 1;
        while (a >= 0 && pick[a] == size - pick.length + a) {
            a--;
        }
        if (a < 0) {
            return false;
        }
        pick[a]++;
        for (int b = a + 1; b < pick.length; b++) {
            pick[b] = pick[b - 1] + 1;
        }
        return true;
    }
}
