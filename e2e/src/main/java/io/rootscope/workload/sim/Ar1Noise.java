package io.rootscope.workload.sim;

import java.util.Random;

/**
 * First-order autoregressive noise {@code x' = phi * x + sigma * N(0,1)}: slowly wandering rather than
 * white, like real load and latency, so that a detector cannot flag every random spike.
 */
public final class Ar1Noise {

    private final Random random;
    private final double phi;
    private final double sigma;
    private double value;

    public Ar1Noise(Random random, double phi, double sigma) {
        if (phi < 0 || phi >= 1) {
            throw new IllegalArgumentException("phi must be in [0, 1), got " + phi);
        }
        if (sigma < 0) {
            throw new IllegalArgumentException("sigma must be >= 0, got " + sigma);
        }
        this.random = random;
        this.phi = phi;
        this.sigma = sigma;
    }

    public double next() {
        value = phi * value + sigma * random.nextGaussian();
        return value;
    }
}
