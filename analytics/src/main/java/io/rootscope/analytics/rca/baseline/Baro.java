package io.rootscope.analytics.rca.baseline;

import io.rootscope.analytics.rca.CleanedMetrics;
import io.rootscope.analytics.rca.Diagnosis;
import io.rootscope.analytics.rca.DiagnosisWindow;
import io.rootscope.analytics.rca.MethodParameters;
import io.rootscope.analytics.rca.RootCauseMethod;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;

import java.util.Map;

/**
 * BARO's robust root-cause scoring (Pham, Ha and Zhang, FSE 2024, "BARO: Robust Root Cause Analysis for
 * Microservices via Multivariate Bayesian Online Change Point Detection", Sect. 3.3): each series is scaled by the
 * median and inter-quartile range of the normal period, a service scores its largest scaled deviation in the anomalous
 * period. The change point is the window's anomaly start (BARO detects it; here it is given). Median and IQR resist the
 * outliers and level shifts between separate baseline and fault runs that inflate a standard deviation.
 * O(types × services × samples log samples).
 */
public final class Baro implements RootCauseMethod {

    public static final String NAME = "baro";

    public static Baro fromParameters(Map<String, String> parameters) {
        new MethodParameters(NAME, parameters).rejectUnknown();
        return new Baro();
    }

    @Override
    public String name() {
        return NAME;
    }

    /** IQR / mean absolute deviation of a normal distribution (1.349σ / 0.798σ). */
    static final double IQR_PER_MEAN_ABSOLUTE_DEVIATION = 1.6906;

    /**
     * The robust scores of a window. A reference more than half of which sits at one value (an error ratio at 0 between
     * rare blips) has no inter-quartile range, though it varies: its scale is then its mean absolute deviation from the
     * median, on the IQR's scale (the fallback of the modified z-score when the MAD is 0). Without it, a blip as common
     * as the reference's own would count hundreds of deviations (against {@link DeviationScores}' floors) and outrank a
     * service whose memory doubled. A reference that never moved keeps the floors.
     */
    public static DeviationScores scores(CleanedMetrics metrics) {
        return new DeviationScores(metrics, x -> {
            Percentile percentile = new Percentile();
            percentile.setData(x);
            double median = percentile.evaluate(50);
            double iqr = percentile.evaluate(75) - percentile.evaluate(25);
            if (iqr == 0) {
                double absolute = 0;
                for (double v : x) {
                    absolute += Math.abs(v - median);
                }
                iqr = IQR_PER_MEAN_ABSOLUTE_DEVIATION * absolute / x.length;
            }
            return new double[]{median, iqr};
        });
    }

    @Override
    public Diagnosis rank(DiagnosisWindow window) {
        DeviationScores scores = scores(new CleanedMetrics(window));
        return new Diagnosis(NAME, scores.ranking(), scores.explanation());
    }
}
