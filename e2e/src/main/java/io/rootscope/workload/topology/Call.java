package io.rootscope.workload.topology;

import java.util.Random;

/**
 * A synchronous request edge of the call graph: each request the caller processes makes on average
 * {@code callsPerRequest} requests to the callee and waits for them. A request makes the whole part of that
 * number of calls, plus one more with probability equal to the fractional part (so 0.25 means one request in
 * four calls, and 3.0 means exactly three calls).
 */
public record Call(String caller, String callee, double callsPerRequest) {

    public Call {
        if (caller == null || callee == null || caller.equals(callee)) {
            throw new IllegalArgumentException("a call needs two distinct services, got " + caller + " -> " + callee);
        }
        if (!(callsPerRequest > 0)) {
            throw new IllegalArgumentException("callsPerRequest must be > 0, got " + callsPerRequest);
        }
    }

    /** Draws how many calls one request makes. */
    public int sampleCount(Random random) {
        int whole = (int) callsPerRequest;
        return whole + (random.nextDouble() < callsPerRequest - whole ? 1 : 0);
    }

    /** Probability that none of one request's calls fails, when each fails with {@code failure}. */
    public double allSucceed(double failure) {
        int whole = (int) callsPerRequest;
        return Math.pow(1 - failure, whole) * (1 - (callsPerRequest - whole) * failure);
    }
}
