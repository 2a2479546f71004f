package io.rootscope.workload.sim;

import java.util.Random;

/**
 * TCP retransmission on one leg (request or response) of a call over a lossy link: each of the leg's packets is
 * resent after a doubling retransmission timeout until delivered; after {@link #MAX_ATTEMPTS} losses of one
 * packet the connection is given up and the call fails (Envoy reports an upstream connection failure).
 *
 * @param retransmits segments resent
 * @param penaltyMs   time lost waiting for retransmission timeouts
 * @param failed      whether the leg was abandoned
 */
public record Retransmission(int retransmits, double penaltyMs, boolean failed) {

    /** Linux's minimum retransmission timeout. */
    public static final double RTO_MS = 200;
    public static final int MAX_ATTEMPTS = 3;
    /** Data segment plus acknowledgement. */
    public static final int PACKETS_PER_LEG = 2;

    public static final Retransmission NONE = new Retransmission(0, 0, false);

    /** Samples one leg whose packets are each lost with probability {@code loss}. */
    public static Retransmission sample(Random random, double loss) {
        if (loss == 0) {
            return NONE;
        }
        int retransmits = 0;
        double penalty = 0;
        for (int packet = 0; packet < PACKETS_PER_LEG; packet++) {
            double timeout = RTO_MS;
            int losses = 0;
            while (random.nextDouble() < loss) {
                penalty += timeout;
                if (++losses == MAX_ATTEMPTS) {
                    return new Retransmission(retransmits, penalty, true);
                }
                retransmits++;
                timeout *= 2;
            }
        }
        return new Retransmission(retransmits, penalty, false);
    }

    /** Expected time a leg loses to retransmission timeouts, given that it is delivered. */
    public static double expectedPenaltyMs(double loss) {
        double delivered = 1 - Math.pow(loss, MAX_ATTEMPTS);
        if (delivered <= 0) {
            return 0; // every leg fails; no delivered leg to wait for
        }
        double perPacket = 0;
        double timeout = RTO_MS;
        double waited = 0;
        for (int losses = 1; losses < MAX_ATTEMPTS; losses++) {
            waited += timeout;
            perPacket += Math.pow(loss, losses) * (1 - loss) * waited;
            timeout *= 2;
        }
        return PACKETS_PER_LEG * perPacket / delivered;
    }

    /** Probability that a leg is abandoned. */
    public static double failureProbability(double loss) {
        return 1 - Math.pow(1 - Math.pow(loss, MAX_ATTEMPTS), PACKETS_PER_LEG);
    }
}
