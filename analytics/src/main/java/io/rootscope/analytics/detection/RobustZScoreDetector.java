package io.rootscope.analytics.detection;

import java.time.Duration;
import java.util.List;

/**
 * Robust z-score detector: a point is anomalous when its modified z-score against the trailing baseline,
 * (x − median) / (1.4826 · MAD), exceeds the threshold (Iglewicz and Hoaglin, "How to Detect and Handle
 * Outliers", 1993, who recommend 3.5). The median and the median absolute deviation ignore the outliers that
 * skew a mean and standard deviation. Time O(n · w) for n points and w points per baseline window.
 */
public final class RobustZScoreDetector implements AnomalyDetector {

    public static final double THRESHOLD_DEFAULT = 3.5;
    /** Makes the MAD a consistent estimator of the standard deviation of normally distributed data. */
    static final double MAD_TO_SIGMA = 1.4826;

    private static final BaselineScan.Statistics MEDIAN_MAD = new BaselineScan.Statistics() {
        @Override
        public double center(TrailingBaseline baseline) {
            return baseline.median();
        }

        @Override
        public double scale(TrailingBaseline baseline) {
            return MAD_TO_SIGMA * baseline.medianAbsoluteDeviation();
        }
    };

    private final BaselineConfig config;

    public RobustZScoreDetector() {
        this(BaselineConfig.of(THRESHOLD_DEFAULT, Direction.BOTH));
    }

    public RobustZScoreDetector(BaselineConfig config) {
        if (config == null) {
            throw new IllegalArgumentException("robust z-score config must be set");
        }
        this.config = config;
    }

    @Override
    public List<Verdict> detect(List<SeriesPoint> series) {
        return BaselineScan.detect(series, config, MEDIAN_MAD);
    }

    @Override
    public Duration history() {
        return config.baseline();
    }
}
