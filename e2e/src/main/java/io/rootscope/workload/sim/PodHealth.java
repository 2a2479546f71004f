package io.rootscope.workload.sim;

/**
 * What the traffic model needs to know about a service's pod at the start of a tick.
 *
 * @param ready          whether the pod accepts requests
 * @param memoryFraction resident memory over the container limit; high values mean GC pressure
 * @param warmingUp      whether the runtime is still warming up after a (re)start
 */
public record PodHealth(boolean ready, double memoryFraction, boolean warmingUp) {

    public static final PodHealth HEALTHY = new PodHealth(true, 0.5, false);
}
