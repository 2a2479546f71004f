package io.rootscope.analytics.rca.automap;

import io.rootscope.analytics.rca.Diagnosis;
import io.rootscope.analytics.rca.DiagnosisWindow;
import io.rootscope.analytics.rca.Learner;
import io.rootscope.analytics.rca.LearningMethod;

import java.util.Map;
import java.util.Random;

/**
 * AutoMAP, faithfully (Ma, Xu, Wang, Chen, Zhang and Wang, "AutoMAP: Diagnose Your Microservice-based Web
 * Applications Automatically", WWW 2020): (1) the anomaly behavior graph from per-metric-type PC skeletons
 * ({@link io.rootscope.analytics.rca.causal.BehaviorGraphBuilder}); (2) metric-type weights learned from the past
 * diagnoses whose anomaly profiles are most similar ({@link MetricTypeWeightLearner}), each type weighted by the
 * precision it reached alone (here the reciprocal rank of the true root cause under the exact walk distribution);
 * (3) the heuristic random walk from the front-end ({@link TransitionChain}, {@link HeuristicRandomWalk}), services
 * ranked by visit share, or by the exact stationary distribution when configured. Cost: the PC search (see
 * {@link io.rootscope.analytics.rca.causal.PcSkeleton}), plus O(types × services × samples) for correlations and
 * profiles, plus O(walkers × steps) for the walk (O(n³) when exact). Not thread-safe: it learns.
 */
public final class AutoMap implements LearningMethod {

    public static final String NAME = "automap";

    private final AutoMapConfig config;
    private final Random random;
    private final AutoMapMemory memory;

    /**
     * @param config tuning
     * @param random source of the walk's randomness
     */
    public AutoMap(AutoMapConfig config, Random random) {
        this.config = config;
        this.random = random;
        this.memory = new AutoMapMemory(config);
    }

    /** Builds from command-line parameters ({@link AutoMapConfig#fromParameters}), seeding the walk from them. */
    public static AutoMap fromParameters(Map<String, String> parameters) {
        AutoMapConfig config = AutoMapConfig.fromParameters(NAME, parameters);
        return new AutoMap(config, new Random(config.seed()));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Diagnosis rank(DiagnosisWindow window) {
        WindowAnalysis a = memory.analyse(window);
        double[] weights = memory.weights(a);
        double[] similarity = a.similarity(weights);
        TransitionChain chain = TransitionChain.heuristic(a.graph, similarity, config.rho(), window.frontendIndex());
        HeuristicRandomWalk.Result walk = new HeuristicRandomWalk(chain, config.walkers(), config.steps(), random)
                .run();
        double[] score = config.exact() ? StationaryDistribution.of(chain) : walk.visitShare();
        return new Diagnosis(NAME, a.ranking(score, similarity),
                a.explanation(weights, a.similarityContributions(weights), walk.paths()));
    }

    /** Records, for the metric-type weights of later diagnoses, how well each type alone found a confirmed root cause. */
    @Override
    public Learner learner() {
        return memory;
    }
}
