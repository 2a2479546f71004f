package io.rootscope.workload.sim;

import java.util.Random;

/** Random variates the simulation draws from. */
public final class Sampling {

    private Sampling() {
    }

    /** Poisson count with the given mean (Knuth's method for small means, a rounded normal for large). */
    public static int poisson(Random random, double mean) {
        if (mean <= 0) {
            return 0;
        }
        if (mean > 30) {
            return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * random.nextGaussian()));
        }
        double limit = Math.exp(-mean);
        double product = random.nextDouble();
        int count = 0;
        while (product > limit) {
            product *= random.nextDouble();
            count++;
        }
        return count;
    }

    /** Log-normal variate with the given mean and log-scale spread: right-skewed like real latencies. */
    public static double logNormal(Random random, double mean, double sigma) {
        return mean * Math.exp(sigma * random.nextGaussian() - sigma * sigma / 2);
    }
}
