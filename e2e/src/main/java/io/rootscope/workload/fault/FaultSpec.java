package io.rootscope.workload.fault;

import java.time.Duration;

/**
 * What to inject: a fault of {@code type} on service {@code target}, starting {@code startDelay} after it is
 * scheduled, lasting {@code duration}, at {@code intensity} (meaning depends on the type, see {@link FaultType}).
 */
public record FaultSpec(FaultType type, String target, Duration startDelay, Duration duration, double intensity) {

    public static final Duration MAX_DURATION = Duration.ofHours(24);

    public FaultSpec {
        if (type == null) {
            throw new InvalidFaultException("type", "type is required");
        }
        if (target == null || target.isBlank()) {
            throw new InvalidFaultException("target", "target is required");
        }
        if (startDelay == null || startDelay.isNegative()) {
            throw new InvalidFaultException("startDelaySeconds", "startDelaySeconds must be >= 0");
        }
        if (duration == null || duration.isZero() || duration.isNegative() || duration.compareTo(MAX_DURATION) > 0) {
            throw new InvalidFaultException("durationSeconds",
                    "durationSeconds must be in (0, " + MAX_DURATION.toSeconds() + "], got " + describe(duration));
        }
        if (!type.acceptsIntensity(intensity)) {
            throw new InvalidFaultException("intensity", "intensity for " + type + " must be in (0, "
                    + type.maxIntensity() + "] (" + type.intensityMeaning() + "), got " + intensity);
        }
    }

    private static String describe(Duration duration) {
        return duration == null ? "nothing" : String.valueOf(duration.toMillis() / 1000.0);
    }
}
