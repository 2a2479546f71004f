package io.rootscope.workload.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;

/**
 * External request rate at the entry service: a base rate modulated by a slow sinusoidal drift (a compressed
 * day) and multiplicative AR(1) noise.
 */
public final class LoadModel {

    public static final double BASE_RATE_DEFAULT = 25.0;
    public static final Duration DRIFT_PERIOD_DEFAULT = Duration.ofMinutes(20);
    public static final double DRIFT_AMPLITUDE_DEFAULT = 0.25;

    private final double baseRate;
    private final double driftPeriodSeconds;
    private final double driftAmplitude;
    private final Ar1Noise noise;

    public LoadModel(Random random) {
        this(random, BASE_RATE_DEFAULT, DRIFT_PERIOD_DEFAULT, DRIFT_AMPLITUDE_DEFAULT);
    }

    public LoadModel(Random random, double baseRate, Duration driftPeriod, double driftAmplitude) {
        if (!(baseRate > 0)) {
            throw new IllegalArgumentException("baseRate must be > 0, got " + baseRate);
        }
        if (driftPeriod.isZero() || driftPeriod.isNegative()) {
            throw new IllegalArgumentException("driftPeriod must be positive, got " + driftPeriod);
        }
        if (driftAmplitude < 0 || driftAmplitude >= 1) {
            throw new IllegalArgumentException("driftAmplitude must be in [0, 1), got " + driftAmplitude);
        }
        this.baseRate = baseRate;
        this.driftPeriodSeconds = driftPeriod.toMillis() / 1000.0;
        this.driftAmplitude = driftAmplitude;
        this.noise = new Ar1Noise(random, 0.9, 0.03);
    }

    /** Requests per second arriving at the entry service at {@code now}; call once per tick. */
    public double rate(Instant now) {
        double seconds = now.toEpochMilli() / 1000.0;
        double drift = 1 + driftAmplitude * Math.sin(2 * Math.PI * seconds / driftPeriodSeconds);
        return baseRate * drift * Math.exp(noise.next());
    }
}
