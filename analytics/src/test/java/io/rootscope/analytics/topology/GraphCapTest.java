package io.rootscope.analytics.topology;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GraphCapTest {

    /** 0 → 1 → 2 with traffic 5 and 1; a hub 3 linked to 4, 5, 6; node 7 alone. */
    private static final GraphCap.Graph GRAPH = new GraphCap.Graph(8,
            new int[] {0, 1, 3, 3, 3},
            new int[] {1, 2, 4, 5, 6},
            new double[] {5, 1, 0, 0, 0});

    @Test
    void keepsTrafficFirstThenHubsAndTheEdgesAmongThem() {
        GraphCap.Selection top3 = GraphCap.select(GRAPH, 3);
        // Traffic: 1 (6), 0 (5), 2 (1); then the hub 3 (three edges).
        assertArrayEquals(new int[] {1, 0, 2}, top3.nodes());
        assertArrayEquals(new int[] {0, 1}, top3.edges());
        assertTrue(top3.truncated());
        GraphCap.Selection top4 = GraphCap.select(GRAPH, 4);
        assertArrayEquals(new int[] {1, 0, 2, 3}, top4.nodes());
        assertArrayEquals(new int[] {0, 1}, top4.edges(), "the hub's edges lead to nodes left out");
        GraphCap.Selection top5 = GraphCap.select(GRAPH, 5);
        assertArrayEquals(new int[] {1, 0, 2, 3, 4}, top5.nodes(), "equal nodes by index");
        assertArrayEquals(new int[] {0, 1, 2}, top5.edges());
    }

    @Test
    void aLimitAboveTheGraphKeepsEverything() {
        GraphCap.Selection all = GraphCap.select(GRAPH, 100);
        assertArrayEquals(new int[] {1, 0, 2, 3, 4, 5, 6, 7}, all.nodes());
        assertArrayEquals(new int[] {0, 1, 2, 3, 4}, all.edges());
        assertFalse(all.truncated());
    }

    @Test
    void pinnedNodesComeFirstAndDistanceBeforeTraffic() {
        // A chain 0 - 1 - 2 - 3 where the far edge carries all the traffic.
        GraphCap.Graph chain = new GraphCap.Graph(4, new int[] {0, 1, 2}, new int[] {1, 2, 3}, new double[] {0, 0, 9});
        assertArrayEquals(new int[] {2, 3}, GraphCap.select(chain, 2).nodes());
        assertArrayEquals(new int[] {0, 1}, GraphCap.select(chain, 2, new int[] {0}, GraphCap.Direction.EITHER).nodes());
        assertArrayEquals(new int[] {3, 2, 1}, GraphCap.select(chain, 3, new int[] {3}, GraphCap.Direction.EITHER).nodes());
    }

    @Test
    void anImpactSetFollowsEdgesTowardsThePinnedNode() {
        // 1 → 0 and 2 → 1 depend on 0; 0 → 3 does not (0 depends on 3).
        GraphCap.Graph graph = new GraphCap.Graph(4, new int[] {1, 2, 0}, new int[] {0, 1, 3}, new double[] {0, 0, 0});
        assertArrayEquals(new int[] {0, 1, 2}, GraphCap.select(graph, 3, new int[] {0}, GraphCap.Direction.TOWARDS_PINNED).nodes());
        assertArrayEquals(new int[] {0, 1, 3}, GraphCap.select(graph, 3, new int[] {0}, GraphCap.Direction.EITHER).nodes(),
                "either way, 3 is one hop away too (after 1, which has two edges)");
    }

    @Test
    void rejectsBadInput() {
        assertThrows(IllegalArgumentException.class, () -> GraphCap.select(GRAPH, 0));
        assertThrows(IllegalArgumentException.class, () -> new GraphCap.Graph(2, new int[] {0}, new int[] {2}, new double[] {0}));
        assertThrows(IllegalArgumentException.class, () -> new GraphCap.Graph(2, new int[] {0}, new int[] {1}, new double[] {Double.NaN}));
        assertThrows(IllegalArgumentException.class, () -> GraphCap.select(GRAPH, 1, new int[] {0, 1}, null));
    }
}
