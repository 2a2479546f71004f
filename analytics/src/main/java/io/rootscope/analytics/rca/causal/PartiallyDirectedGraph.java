package io.rootscope.analytics.rca.causal;

/**
 * A graph over variables 0..n−1 whose edges are directed (i → j) or undirected (i – j), as produced by the PC
 * algorithm (a CPDAG when orientation used no background knowledge). Read-only to its users; {@link PcOrientation}
 * fills it.
 */
public final class PartiallyDirectedGraph {

    private final int n;
    private final boolean[][] adjacent;
    private final boolean[][] arrow;

    PartiallyDirectedGraph(int n) {
        this.n = n;
        this.adjacent = new boolean[n][n];
        this.arrow = new boolean[n][n];
    }

    public int variables() {
        return n;
    }

    public boolean adjacent(int i, int j) {
        return adjacent[i][j];
    }

    /** Whether the edge is oriented i → j. */
    public boolean directed(int i, int j) {
        return arrow[i][j];
    }

    /** Whether i – j is an edge of unknown direction. */
    public boolean undirected(int i, int j) {
        return adjacent[i][j] && !arrow[i][j] && !arrow[j][i];
    }

    void addUndirected(int i, int j) {
        adjacent[i][j] = true;
        adjacent[j][i] = true;
    }

    /** Orients i – j as i → j; returns false (and changes nothing) unless the edge is undirected. */
    boolean orient(int i, int j) {
        if (!undirected(i, j)) {
            return false;
        }
        arrow[i][j] = true;
        return true;
    }
}
