package io.rootscope.workload.topology;

/**
 * A synchronous request edge of the call graph: each request the caller processes makes on average
 * {@code callsPerRequest} requests to the callee and waits for them.
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
}
