package io.rootscope.analytics.rca.automap;

import io.rootscope.analytics.rca.DiagnosisWindow;

import io.rootscope.analytics.rca.Learner;
import io.rootscope.analytics.rca.Lesson;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What both AutoMAP methods keep between diagnoses: the metric-type weight learner, and the last window's analysis so
 * that learning right after ranking the same window does not repeat the PC search. Learning follows AutoMAP: each
 * metric type's precision on a labelled anomaly is the reciprocal rank of the root cause under the exact walk with
 * only that type weighted (O(types × n³)).
 */
final class AutoMapMemory implements Learner {

    private final AutoMapConfig config;
    private final MetricTypeWeightLearner learner;
    private WindowAnalysis last;

    AutoMapMemory(AutoMapConfig config) {
        this.config = config;
        this.learner = new MetricTypeWeightLearner(config.neighbours());
    }

    /** The analysis of {@code window}, reused for the same window instance. */
    WindowAnalysis analyse(DiagnosisWindow window) {
        if (last == null || last.window != window) {
            last = new WindowAnalysis(window, config);
        }
        return last;
    }

    /** The learned weights of the window's metric types, in its order. */
    double[] weights(WindowAnalysis a) {
        return learner.weights(a.profile, a.window.metricTypes());
    }

    @Override
    public void learn(DiagnosisWindow window, String rootCauseService) {
        taught(window, rootCauseService).ifPresent(p -> learner.record(p.profile(), p.precisionByType()));
    }

    /** What {@link #learn} would record, as a value to store elsewhere. */
    @Override
    public Optional<Lesson> lesson(DiagnosisWindow window, String rootCauseService) {
        return taught(window, rootCauseService).map(p -> new Lesson(p.profile().degrees(), p.precisionByType()));
    }

    /** The history kept elsewhere, as this memory's, oldest first. */
    @Override
    public void recall(List<Lesson> lessons) {
        learner.recall(lessons.stream().map(l -> new MetricTypeWeightLearner.PastDiagnosis(AnomalyProfile.of(l.profile()),
                l.precisionByType())).toList());
    }

    /** What learning this root cause records; empty when it is not a service of the window. */
    private Optional<MetricTypeWeightLearner.PastDiagnosis> taught(DiagnosisWindow window, String rootCauseService) {
        if (!window.services().contains(rootCauseService)) {
            return Optional.empty();
        }
        WindowAnalysis a = analyse(window);
        Map<String, Double> precision = new LinkedHashMap<>();
        int types = window.metricTypes().size();
        for (int t = 0; t < types; t++) {
            double[] only = new double[types];
            only[t] = 1;
            double[] similarity = a.similarity(only);
            double[] pi = StationaryDistribution.of(
                    TransitionChain.heuristic(a.graph, similarity, config.rho(), window.frontendIndex()));
            precision.put(window.metricTypes().get(t).name(), 1.0 / a.rank(pi, similarity, rootCauseService));
        }
        return Optional.of(new MetricTypeWeightLearner.PastDiagnosis(a.profile, precision));
    }
}
