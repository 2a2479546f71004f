package io.rootscope.analytics.detection;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds a count series that stops: a point is anomalous when the trailing baseline was steady (nearly every point
 * above zero, a median of at least the configured level) and the point fell to a small fraction of that median, as
 * the calls of an operation do when the code above it throws or takes another branch. A z-score misses this on a
 * busy series and fires on every dip of a sparse one; a ratio to a steady level does neither. Anomalous points stay
 * out of the baseline. The score is the relative change, (x − median) / median. Time O(n · w).
 */
public final class DisappearanceDetector implements AnomalyDetector {

    private final DisappearanceConfig config;

    public DisappearanceDetector(DisappearanceConfig config) {
        if (config == null) {
            throw new IllegalArgumentException("disappearance config must be set");
        }
        this.config = config;
    }

    @Override
    public List<Verdict> detect(List<SeriesPoint> series) {
        TrailingBaseline baseline = new TrailingBaseline(config.baseline().toMillis());
        List<Verdict> verdicts = new ArrayList<>();
        long previous = Long.MIN_VALUE;
        for (SeriesPoint point : series) {
            previous = BaselineScan.requireAscending(previous, point);
            if (baseline.size() < config.minBaselinePoints()) {
                baseline.add(point);
                continue;
            }
            double median = baseline.median();
            boolean steady = median >= config.minSteadyLevel()
                    && 1 - baseline.shareAtOrBelow(0) >= config.steadyShare();
            double score = median > 0 ? (point.value() - median) / median : 0;
            boolean anomalous = steady && point.value() <= config.remainingFraction() * median;
            verdicts.add(new Verdict(point.epochMillis(), point.value(), score, anomalous));
            if (!anomalous) {
                baseline.add(point);
            }
        }
        return verdicts;
    }

    @Override
    public Duration history() {
        return config.baseline();
    }
}
