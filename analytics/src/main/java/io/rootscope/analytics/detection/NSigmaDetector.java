package io.rootscope.analytics.detection;

import java.time.Duration;
import java.util.List;

/**
 * N-sigma (three-sigma rule) detector: a point is anomalous when it lies more than n sample standard deviations
 * from the mean of the trailing baseline. Cheaper to reason about than {@link RobustZScoreDetector} but pulled
 * by outliers inside the baseline. Time O(n · w) for n points and w points per baseline window.
 */
public final class NSigmaDetector implements AnomalyDetector {

    public static final double SIGMAS_DEFAULT = 3.0;

    private static final BaselineScan.Statistics MEAN_SIGMA = new BaselineScan.Statistics() {
        @Override
        public double center(TrailingBaseline baseline) {
            return baseline.mean();
        }

        @Override
        public double scale(TrailingBaseline baseline) {
            return baseline.standardDeviation();
        }
    };

    private final BaselineConfig config;

    public NSigmaDetector() {
        this(BaselineConfig.of(SIGMAS_DEFAULT, Direction.BOTH));
    }

    public NSigmaDetector(BaselineConfig config) {
        if (config == null) {
            throw new IllegalArgumentException("n-sigma config must be set");
        }
        this.config = config;
    }

    @Override
    public List<Verdict> detect(List<SeriesPoint> series) {
        return BaselineScan.detect(series, config, MEAN_SIGMA);
    }

    @Override
    public Duration history() {
        return config.baseline();
    }
}
