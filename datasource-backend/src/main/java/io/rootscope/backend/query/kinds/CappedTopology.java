package io.rootscope.backend.query.kinds;

import io.rootscope.analytics.topology.GraphCap;
import io.rootscope.backend.graph.TopologyEdgeCache;
import io.rootscope.backend.query.kinds.TopologyQuery.Relation;
import java.util.Arrays;

/**
 * A whole-tenant topology at one time, capped, by resource id: the kept nodes by rank ({@link GraphCap}: call traffic, then
 * relations), the kept edges with their stat, and the totals at that time.
 */
record CappedTopology(long[] nodes, long[] edgeSource, long[] edgeTarget, String[] edgeRelation, String[] edgeStat,
                      int totalNodes, int totalEdges, boolean truncated) {

    private record Key(int period, Relation relation, int limit) {
    }

    /**
     * The topology at a time ({@code epochMicros}) capped at {@code limit} nodes, remembered with the edges: until the
     * topology changes, every request for the same period, relation and limit reuses it.
     */
    static CappedTopology at(TopologyEdgeCache.Edges all, long epochMicros, Relation relation, int limit) {
        return all.remember(new Key(all.period(epochMicros), relation, limit), key -> cap(all, epochMicros, relation, limit));
    }

    private static CappedTopology cap(TopologyEdgeCache.Edges all, long micros, Relation relation, int limit) {
        byte wanted = (byte) (relation == Relation.ALL ? -1 : TopologyEdgeCache.RELATIONS.indexOf(relation.name()));
        int[] active = new int[all.size()];
        int[] local = new int[all.resourceIds().length];
        Arrays.fill(local, -1);
        int[] global = new int[all.resourceIds().length];
        int edgeCount = 0;
        int nodeCount = 0;
        for (int e = 0; e < all.size(); e++) {
            if ((wanted < 0 || all.relation()[e] == wanted) && all.validAt(e, micros)) {
                active[edgeCount++] = e;
                if (local[all.source()[e]] < 0) {
                    local[all.source()[e]] = nodeCount;
                    global[nodeCount++] = all.source()[e];
                }
                if (local[all.target()[e]] < 0) {
                    local[all.target()[e]] = nodeCount;
                    global[nodeCount++] = all.target()[e];
                }
            }
        }
        int[] source = new int[edgeCount];
        int[] target = new int[edgeCount];
        double[] traffic = new double[edgeCount];
        for (int i = 0; i < edgeCount; i++) {
            int e = active[i];
            source[i] = local[all.source()[e]];
            target[i] = local[all.target()[e]];
            traffic[i] = Float.isNaN(all.rps()[e]) ? 0 : Math.max(0, all.rps()[e]);
        }
        GraphCap.Selection selection = GraphCap.select(new GraphCap.Graph(nodeCount, source, target, traffic), limit);
        long[] nodes = new long[selection.nodes().length];
        for (int i = 0; i < nodes.length; i++) {
            nodes[i] = all.resourceIds()[global[selection.nodes()[i]]];
        }
        int kept = selection.edges().length;
        long[] edgeSource = new long[kept];
        long[] edgeTarget = new long[kept];
        String[] edgeRelation = new String[kept];
        String[] edgeStat = new String[kept];
        for (int i = 0; i < kept; i++) {
            int e = active[selection.edges()[i]];
            edgeSource[i] = all.resourceIds()[all.source()[e]];
            edgeTarget[i] = all.resourceIds()[all.target()[e]];
            edgeRelation[i] = TopologyEdgeCache.RELATIONS.get(all.relation()[e]);
            float errRate = all.errRate()[e];
            edgeStat[i] = TopologyQuery.edgeStat(edgeRelation[i], all.rps()[e], Float.isNaN(errRate) ? 0 : errRate);
        }
        return new CappedTopology(nodes, edgeSource, edgeTarget, edgeRelation, edgeStat, nodeCount, edgeCount, selection.truncated());
    }
}
