package io.rootscope.analytics.topology;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Comparator;

/**
 * The most important part of a graph too large to draw: at most {@code limit} nodes and every edge among them.
 *
 * <p>Nodes rank by, in order: pinned first (in the order given); fewer hops from the pinned nodes, when distances are
 * asked for (a neighbourhood keeps its inner rings); more traffic (the sum over the node's edges, e.g. calls per second);
 * more edges (hubs); lower index, so that equal graphs give equal answers. Kept edges are those whose both ends are kept,
 * in their input order. Time O(E + N log N), memory O(N + E).
 */
public final class GraphCap {

    /** How distances follow edges: either way (a neighbourhood) or only from source to target (an impact set). */
    public enum Direction { EITHER, TOWARDS_PINNED }

    /**
     * Edges as parallel arrays over nodes {@code 0 .. nodeCount-1}; {@code traffic[e] >= 0} (0 when unknown).
     */
    public record Graph(int nodeCount, int[] source, int[] target, double[] traffic) {

        public Graph {
            if (nodeCount < 0) {
                throw new IllegalArgumentException("nodeCount must not be negative, got " + nodeCount);
            }
            if (source.length != target.length || source.length != traffic.length) {
                throw new IllegalArgumentException("source, target and traffic differ in length: " + source.length + ", "
                        + target.length + ", " + traffic.length);
            }
            for (int e = 0; e < source.length; e++) {
                if (source[e] < 0 || source[e] >= nodeCount || target[e] < 0 || target[e] >= nodeCount) {
                    throw new IllegalArgumentException("edge " + e + " (" + source[e] + " -> " + target[e] + ") leaves nodes 0.."
                            + (nodeCount - 1));
                }
                if (!(traffic[e] >= 0)) {
                    throw new IllegalArgumentException("traffic of edge " + e + " must be a non-negative number, got " + traffic[e]);
                }
            }
        }
    }

    /** The kept nodes, most important first, and the indices of the kept edges in input order. */
    public record Selection(int[] nodes, int[] edges, boolean truncated) {
    }

    private GraphCap() {
    }

    /** The whole graph ranked as above, capped at {@code limit} nodes; no pinned node, no distances. */
    public static Selection select(Graph graph, int limit) {
        return select(graph, limit, new int[0], null);
    }

    /**
     * @param pinned    nodes kept whatever their rank (at most {@code limit} of them)
     * @param direction how hop distances from the pinned nodes are measured, or null to rank without them
     */
    public static Selection select(Graph graph, int limit, int[] pinned, Direction direction) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
        if (pinned.length > limit) {
            throw new IllegalArgumentException(pinned.length + " pinned nodes exceed the limit of " + limit);
        }
        int n = graph.nodeCount();
        int[] pinOrder = new int[n];
        Arrays.fill(pinOrder, Integer.MAX_VALUE);
        for (int i = 0; i < pinned.length; i++) {
            if (pinned[i] < 0 || pinned[i] >= n) {
                throw new IllegalArgumentException("pinned node " + pinned[i] + " is not in 0.." + (n - 1));
            }
            pinOrder[pinned[i]] = Math.min(pinOrder[pinned[i]], i);
        }
        double[] traffic = new double[n];
        int[] degree = new int[n];
        for (int e = 0; e < graph.source().length; e++) {
            int s = graph.source()[e];
            int t = graph.target()[e];
            traffic[s] += graph.traffic()[e];
            degree[s]++;
            if (t != s) {
                traffic[t] += graph.traffic()[e];
                degree[t]++;
            }
        }
        int[] distance = direction == null ? new int[n] : distances(graph, pinned, direction);
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        // One comparator over the primitive arrays: no boxed key per comparison.
        Comparator<Integer> rank = (a, b) -> {
            int c = Integer.compare(pinOrder[a], pinOrder[b]);
            if (c == 0) {
                c = Integer.compare(distance[a], distance[b]);
            }
            if (c == 0) {
                c = Double.compare(traffic[b], traffic[a]);
            }
            if (c == 0) {
                c = Integer.compare(degree[b], degree[a]);
            }
            return c != 0 ? c : Integer.compare(a, b);
        };
        Arrays.sort(order, rank);
        int kept = Math.min(limit, n);
        int[] nodes = new int[kept];
        boolean[] keep = new boolean[n];
        for (int i = 0; i < kept; i++) {
            nodes[i] = order[i];
            keep[order[i]] = true;
        }
        int[] edges = new int[graph.source().length];
        int edgeCount = 0;
        for (int e = 0; e < graph.source().length; e++) {
            if (keep[graph.source()[e]] && keep[graph.target()[e]]) {
                edges[edgeCount++] = e;
            }
        }
        return new Selection(nodes, Arrays.copyOf(edges, edgeCount), kept < n);
    }

    /** Hops from the nearest pinned node, breadth first; unreachable nodes come last (Integer.MAX_VALUE). */
    private static int[] distances(Graph graph, int[] pinned, Direction direction) {
        int n = graph.nodeCount();
        // Adjacency in compressed rows: for TOWARDS_PINNED a step goes from an edge's target back to its source.
        int[] count = new int[n + 1];
        for (int e = 0; e < graph.source().length; e++) {
            count[graph.target()[e] + 1]++;
            if (direction == Direction.EITHER) {
                count[graph.source()[e] + 1]++;
            }
        }
        for (int i = 0; i < n; i++) {
            count[i + 1] += count[i];
        }
        int[] next = new int[count[n]];
        int[] fill = Arrays.copyOf(count, n);
        for (int e = 0; e < graph.source().length; e++) {
            next[fill[graph.target()[e]]++] = graph.source()[e];
            if (direction == Direction.EITHER) {
                next[fill[graph.source()[e]]++] = graph.target()[e];
            }
        }
        int[] distance = new int[n];
        Arrays.fill(distance, Integer.MAX_VALUE);
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int p : pinned) {
            if (distance[p] != 0) {
                distance[p] = 0;
                queue.add(p);
            }
        }
        while (!queue.isEmpty()) {
            int node = queue.poll();
            for (int k = count[node]; k < count[node + 1]; k++) {
                if (distance[next[k]] == Integer.MAX_VALUE) {
                    distance[next[k]] = distance[node] + 1;
                    queue.add(next[k]);
                }
            }
        }
        return distance;
    }
}
