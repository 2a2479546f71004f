package io.rootscope.workload.topology;

/**
 * A worker pulling messages from a broker: the worker handles one message per message published to the
 * broker by its other callers, and calls the broker once per message (fetch and ack).
 */
public record Consumption(String worker, String broker) {

    public Consumption {
        if (worker == null || broker == null || worker.equals(broker)) {
            throw new IllegalArgumentException("a consumption needs two distinct services, got " + worker + " <- " + broker);
        }
    }
}
