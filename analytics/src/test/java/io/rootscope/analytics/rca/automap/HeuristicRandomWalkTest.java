package io.rootscope.analytics.rca.automap;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class HeuristicRandomWalkTest {

    private static final double[][] LINE = {{0, 1, 0}, {0, 0, 1}, {0, 0, 1}};

    @Test
    void sameSeedSameWalk() {
        double[][] p = {{0.2, 0.4, 0.4}, {0.3, 0.3, 0.4}, {0.5, 0.25, 0.25}};
        TransitionChain chain = new TransitionChain(p, 0);
        HeuristicRandomWalk.Result a = new HeuristicRandomWalk(chain, 10, 50, new Random(9)).run();
        HeuristicRandomWalk.Result b = new HeuristicRandomWalk(chain, 10, 50, new Random(9)).run();
        assertArrayEquals(a.visitShare(), b.visitShare());
        assertEquals(a.paths().size(), b.paths().size());
    }

    @Test
    void pathsAreLoopErasedTrajectoriesFromTheStart() {
        // 0 → 1 → 2, then stays at 2: every walker ends on the path [0, 1, 2]
        HeuristicRandomWalk.Result r = new HeuristicRandomWalk(new TransitionChain(LINE, 0), 4, 10, new Random(1))
                .run();
        assertEquals(1, r.paths().size());
        assertArrayEquals(new int[]{0, 1, 2}, r.paths().get(0).nodes());
        assertEquals(4, r.paths().get(0).walkers());
        assertArrayEquals(new double[]{0, 0.1, 0.9}, r.visitShare(), 1e-12);
    }

    @Test
    void rejectsBadParameters() {
        TransitionChain chain = new TransitionChain(LINE, 0);
        assertThrows(IllegalArgumentException.class, () -> new HeuristicRandomWalk(chain, 0, 10, new Random(1)));
        assertThrows(IllegalArgumentException.class, () -> new HeuristicRandomWalk(chain, 10, 0, new Random(1)));
    }
}
