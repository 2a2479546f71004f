package io.rootscope.workload.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

class CallTest {

    @Test
    void wholeCallsAlwaysHappenAndTheFractionSometimes() {
        Call call = new Call("orders", "user", 2.25);
        Random random = new Random(8);
        int threes = 0;
        for (int i = 0; i < 10_000; i++) {
            int count = call.sampleCount(random);
            assertEquals(true, count == 2 || count == 3);
            threes += count == 3 ? 1 : 0;
        }
        assertEquals(0.25, threes / 10_000.0, 0.02);
    }

    @Test
    void allSucceedMatchesTheCallCountDistribution() {
        assertEquals(0.5 * 0.5 * (1 - 0.25 * 0.5), new Call("a", "b", 2.25).allSucceed(0.5), 1e-12);
        assertEquals(1 - 0.1, new Call("a", "b", 0.1).allSucceed(1.0), 1e-12);
    }

    @Test
    void rejectsSelfCalls() {
        assertThrows(IllegalArgumentException.class, () -> new Call("a", "a", 1));
    }

    @Test
    void rejectsNonPositiveRates() {
        assertThrows(IllegalArgumentException.class, () -> new Call("a", "b", 0));
    }
}
