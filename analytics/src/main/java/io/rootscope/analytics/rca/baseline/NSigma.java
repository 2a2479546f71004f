package io.rootscope.analytics.rca.baseline;

import io.rootscope.analytics.rca.CleanedMetrics;
import io.rootscope.analytics.rca.Diagnosis;
import io.rootscope.analytics.rca.DiagnosisWindow;
import io.rootscope.analytics.rca.MethodParameters;
import io.rootscope.analytics.rca.RootCauseMethod;
import org.apache.commons.math3.stat.StatUtils;

import java.util.Map;

/**
 * N-sigma root-cause ranking, the baseline of RCAEval (Pham et al., ASE 2024): each series is standardised by the
 * mean and standard deviation of the normal period, a service scores its largest |z| in the anomalous period over
 * all its metrics. O(types × services × samples).
 */
public final class NSigma implements RootCauseMethod {

    public static final String NAME = "nsigma";

    /** Builds from command-line parameters; N-sigma has none, so any key is rejected. */
    public static NSigma fromParameters(Map<String, String> parameters) {
        new MethodParameters(NAME, parameters).rejectUnknown();
        return new NSigma();
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The N-sigma scores of a window. */
    public static DeviationScores scores(CleanedMetrics metrics) {
        return new DeviationScores(metrics,
                x -> new double[]{StatUtils.mean(x), Math.sqrt(StatUtils.variance(x))});
    }

    @Override
    public Diagnosis rank(DiagnosisWindow window) {
        DeviationScores scores = scores(new CleanedMetrics(window));
        return new Diagnosis(NAME, scores.ranking(), scores.explanation());
    }
}
