package io.rootscope.workload.fault;

import io.rootscope.workload.topology.ServiceKind;
import java.util.Arrays;
import java.util.Locale;

/**
 * Chaos Mesh style fault kinds, each with the meaning and valid range of its intensity.
 */
public enum FaultType {
    /** StressChaos CPU: stressor workers burn this fraction of the target container's CPU limit. */
    CPU_STRESS(1.0, "fraction of the container CPU limit burned by the stressor"),
    /** StressChaos memory: the target's resident memory grows by this fraction of its limit per minute. */
    MEMORY_LEAK(1.0, "fraction of the container memory limit leaked per minute"),
    /** NetworkChaos delay: every packet leaving the target is delayed by this many milliseconds. */
    NETWORK_DELAY(10_000.0, "milliseconds added to every packet leaving the target"),
    /** NetworkChaos loss: every packet leaving the target is dropped with this probability. */
    PACKET_LOSS(1.0, "probability that a packet leaving the target is dropped"),
    /** HTTPChaos abort: this fraction of requests to the target is answered with HTTP 500. */
    HTTP_ABORT(1.0, "fraction of requests to the target answered with HTTP 500"),
    /** PodChaos pod-kill: the single replica is killed; its replacement is not ready for the duration. */
    POD_KILL(1.0, "fraction of the target's replicas killed (one replica, so any value kills it)"),
    /**
     * JVMChaos exception: a method of the target's request handling throws, so a code fault with CPU, memory and
     * latency as before: the request is processed, logs the exception, fails, and the calls it would have made next
     * are not made. Only for Java application services.
     */
    JVM_EXCEPTION(1.0, "fraction of the target's requests in which the method throws");

    private final double maxIntensity;
    private final String intensityMeaning;

    /** Parses a type name case-insensitively ({@code cpu-stress} works too), naming the valid ones if unknown. */
    public static FaultType parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new InvalidFaultException("type",
                    "unknown fault type " + name + "; expected one of " + Arrays.toString(values()));
        }
    }

    FaultType(double maxIntensity, String intensityMeaning) {
        this.maxIntensity = maxIntensity;
        this.intensityMeaning = intensityMeaning;
    }

    /** Intensities lie in (0, maxIntensity]. */
    public double maxIntensity() {
        return maxIntensity;
    }

    public String intensityMeaning() {
        return intensityMeaning;
    }

    public boolean acceptsIntensity(double intensity) {
        return intensity > 0 && intensity <= maxIntensity;
    }

    /** Whether a service of this kind and runtime can take the fault: an exception needs Java code that serves requests. */
    public boolean acceptsTarget(ServiceKind kind, String runtime) {
        return this != JVM_EXCEPTION || (kind == ServiceKind.APPLICATION && runtime.equals("java"));
    }
}
