package io.rootscope.workload.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Random;
import org.junit.jupiter.api.Test;

class RetransmissionTest {

    @Test
    void expectedPenaltyByHand() {
        // Per packet: lost once (0.5 * 0.5) waits 200 ms, lost twice (0.25 * 0.5) waits 200 + 400 ms, lost three
        // times (0.125) fails; two packets, conditioned on delivery.
        assertEquals(2 * (0.25 * 200 + 0.125 * 600) / 0.875, Retransmission.expectedPenaltyMs(0.5), 1e-9);
        assertEquals(0, Retransmission.expectedPenaltyMs(1.0), 1e-12);
        assertEquals(0, Retransmission.expectedPenaltyMs(0), 1e-12);
    }

    @Test
    void failureNeedsThreeLossesOfOnePacket() {
        assertEquals(1 - Math.pow(1 - 0.125, 2), Retransmission.failureProbability(0.5), 1e-12);
        assertEquals(0, Retransmission.failureProbability(0), 1e-12);
    }

    @Test
    void samplesAgreeWithTheExpectations() {
        Random random = new Random(4);
        double loss = 0.3;
        int legs = 200_000;
        double penalty = 0;
        int delivered = 0;
        int failed = 0;
        for (int i = 0; i < legs; i++) {
            Retransmission leg = Retransmission.sample(random, loss);
            if (leg.failed()) {
                failed++;
            } else {
                delivered++;
                penalty += leg.penaltyMs();
            }
        }
        assertEquals(Retransmission.failureProbability(loss), (double) failed / legs, 0.002);
        assertEquals(Retransmission.expectedPenaltyMs(loss), penalty / delivered, 2.0);
    }

    @Test
    void losslessLinksNeverRetransmit() {
        assertSame(Retransmission.NONE, Retransmission.sample(new Random(1), 0));
    }
}
