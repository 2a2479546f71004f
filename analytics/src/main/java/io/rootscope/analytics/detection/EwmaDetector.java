package io.rootscope.analytics.detection;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * EWMA control chart with an exponentially weighted moving variance: a point is anomalous when it lies more
 * than {@code width} moving standard deviations from the moving mean of the points before it. The incremental
 * update is Finch's ("Incremental calculation of weighted mean and variance", 2009): with d = x − μ,
 * μ ← μ + λd and σ² ← (1 − λ)(σ² + λd²). Slow drift stays inside the limits and is followed; anomalous points
 * do not update the averages, so a fault is not learnt as normal. Time O(n), memory O(1).
 */
public final class EwmaDetector implements AnomalyDetector {

    /** The variance needs two points before its first judgement. */
    private static final int MIN_TRAINING_POINTS = 2;

    private final EwmaConfig config;

    public EwmaDetector() {
        this(EwmaConfig.DEFAULT);
    }

    public EwmaDetector(EwmaConfig config) {
        if (config == null) {
            throw new IllegalArgumentException("EWMA config must be set");
        }
        this.config = config;
    }

    @Override
    public List<Verdict> detect(List<SeriesPoint> series) {
        List<Verdict> verdicts = new ArrayList<>();
        double lambda = config.lambda();
        double mean = 0;
        double variance = 0;
        int trained = 0;
        long previous = Long.MIN_VALUE;
        long judgeFrom = series.isEmpty() ? 0 : series.get(0).epochMillis() + config.warmUp().toMillis();
        for (SeriesPoint point : series) {
            previous = BaselineScan.requireAscending(previous, point);
            double x = point.value();
            if (trained >= MIN_TRAINING_POINTS && point.epochMillis() >= judgeFrom) {
                double score = (x - mean) / config.scaleFloor().apply(Math.sqrt(variance), mean);
                boolean anomalous = config.direction().exceeds(score, config.width());
                verdicts.add(new Verdict(point.epochMillis(), x, score, anomalous));
                if (anomalous) {
                    continue;
                }
            }
            if (trained == 0) {
                mean = x;
            } else {
                double deviation = x - mean;
                mean += lambda * deviation;
                variance = (1 - lambda) * (variance + lambda * deviation * deviation);
            }
            trained++;
        }
        return verdicts;
    }

    @Override
    public Duration history() {
        return config.warmUp();
    }
}
