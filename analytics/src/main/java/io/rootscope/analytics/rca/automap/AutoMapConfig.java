package io.rootscope.analytics.rca.automap;

import io.rootscope.analytics.rca.MethodParameters;
import io.rootscope.analytics.rca.causal.FisherZTest;
import io.rootscope.analytics.rca.causal.PcSkeleton;

import java.util.Map;

/**
 * Tuning of {@link AutoMap} and {@link AutoMapRobust}.
 *
 * @param alpha                  Fisher-z significance level of the PC tests, in (0, 1)
 * @param maxConditioningSetSize largest PC separating set, at least 0
 * @param rho                    backward-move factor of the walk, in [0, 1]
 * @param walkers                random walkers, at least 1
 * @param steps                  steps per walker, at least 1
 * @param neighbours             past anomalies the metric-type weights are learned from, at least 1
 * @param sigma                  anomaly-profile threshold in normal-period standard deviations, positive
 * @param exact                  rank by the exact stationary distribution instead of the simulated walk
 * @param seed                   seed of the walk's {@link java.util.Random}
 */
public record AutoMapConfig(double alpha, int maxConditioningSetSize, double rho, int walkers, int steps,
                            int neighbours, double sigma, boolean exact, long seed) {

    public static final long SEED_DEFAULT = 42;

    public static final AutoMapConfig DEFAULT = new AutoMapConfig(FisherZTest.ALPHA_DEFAULT,
            PcSkeleton.MAX_CONDITIONING_SET_SIZE_DEFAULT, TransitionChain.RHO_DEFAULT,
            HeuristicRandomWalk.WALKERS_DEFAULT, HeuristicRandomWalk.STEPS_DEFAULT,
            MetricTypeWeightLearner.NEIGHBOURS_DEFAULT, AnomalyProfile.SIGMA_DEFAULT, false, SEED_DEFAULT);

    public AutoMapConfig {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1), got " + alpha);
        }
        if (maxConditioningSetSize < 0) {
            throw new IllegalArgumentException("maxConditioningSetSize must be >= 0, got " + maxConditioningSetSize);
        }
        if (!(rho >= 0 && rho <= 1)) {
            throw new IllegalArgumentException("rho must be in [0, 1], got " + rho);
        }
        if (walkers < 1 || steps < 1) {
            throw new IllegalArgumentException("walkers and steps must be >= 1, got " + walkers + ", " + steps);
        }
        if (neighbours < 1) {
            throw new IllegalArgumentException("neighbours must be >= 1, got " + neighbours);
        }
        if (!(sigma > 0)) {
            throw new IllegalArgumentException("sigma must be positive, got " + sigma);
        }
    }

    /**
     * Reads {@code alpha, maxConditioningSetSize, rho, walkers, steps, neighbours, sigma, exact, seed}; missing keys
     * take the defaults, unknown keys are rejected.
     *
     * @throws IllegalArgumentException on an unknown key or a bad value
     */
    public static AutoMapConfig fromParameters(String method, Map<String, String> parameters) {
        MethodParameters p = new MethodParameters(method, parameters);
        AutoMapConfig config = read(p);
        p.rejectUnknown();
        return config;
    }

    /** Reads this config's keys from {@code p}, leaving the check for unknown keys to the caller. */
    static AutoMapConfig read(MethodParameters p) {
        AutoMapConfig d = DEFAULT;
        return new AutoMapConfig(p.getDouble("alpha", d.alpha()),
                p.getInt("maxConditioningSetSize", d.maxConditioningSetSize()), p.getDouble("rho", d.rho()),
                p.getInt("walkers", d.walkers()), p.getInt("steps", d.steps()),
                p.getInt("neighbours", d.neighbours()), p.getDouble("sigma", d.sigma()),
                p.getBoolean("exact", d.exact()), p.getLong("seed", d.seed()));
    }
}
