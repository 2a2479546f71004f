package io.rootscope.demo;

import io.rootscope.workload.fault.FaultType;
import java.time.Duration;

/** A fault to inject: what, where, how long and how hard. */
public record FaultPlan(FaultType type, String target, Duration duration, double intensity) {

    public static final Duration DURATION_DEFAULT = Duration.ofMinutes(3);

    public FaultPlan {
        if (!type.acceptsIntensity(intensity)) {
            throw new IllegalArgumentException("intensity of " + type + " must be in (0, " + type.maxIntensity() + "], got " + intensity);
        }
    }

    /** The fault at an intensity that is plainly visible in the service's own metrics, as a chaos experiment would use. */
    public static FaultPlan of(FaultType type, String target, Duration duration) {
        return new FaultPlan(type, target, duration, intensityDefault(type));
    }

    static double intensityDefault(FaultType type) {
        return switch (type) {
            case CPU_STRESS -> 0.9;
            case MEMORY_LEAK -> 0.6;
            case NETWORK_DELAY -> 300;
            case PACKET_LOSS -> 0.3;
            case HTTP_ABORT -> 0.5;
            case POD_KILL -> 1.0;
            case JVM_EXCEPTION -> 0.5;
        };
    }
}
