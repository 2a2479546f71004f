package io.rootscope.analytics.detection;

import java.util.ArrayList;
import java.util.List;

/**
 * The scan shared by the detectors that judge each point against a {@link TrailingBaseline} of earlier normal
 * points. Anomalous points stay out of the baseline, so a sustained fault is not learnt as the new normal and
 * stays anomalous until the series returns to its old level.
 */
final class BaselineScan {

    /** Where a baseline centres and how widely it spreads, in the same unit as the values. */
    interface Statistics {
        double center(TrailingBaseline baseline);

        double scale(TrailingBaseline baseline);
    }

    private BaselineScan() {
    }

    static List<Verdict> detect(List<SeriesPoint> series, BaselineConfig config, Statistics statistics) {
        TrailingBaseline baseline = new TrailingBaseline(config.baseline().toMillis());
        List<Verdict> verdicts = new ArrayList<>();
        long previous = Long.MIN_VALUE;
        for (SeriesPoint point : series) {
            previous = requireAscending(previous, point);
            if (baseline.size() < config.minBaselinePoints()) {
                baseline.add(point);
                continue;
            }
            double center = statistics.center(baseline);
            double scale = config.scaleFloor().apply(statistics.scale(baseline), center);
            double score = (point.value() - center) / scale;
            boolean anomalous = config.direction().exceeds(score, config.threshold());
            verdicts.add(new Verdict(point.epochMillis(), point.value(), score, anomalous));
            if (!anomalous) {
                baseline.add(point);
            }
        }
        return verdicts;
    }

    /** Checks the time order of a series; returns the point's time for the next check. */
    static long requireAscending(long previousMillis, SeriesPoint point) {
        if (point.epochMillis() <= previousMillis) {
            throw new IllegalArgumentException("series points must be in ascending time order, got "
                    + point.epochMillis() + " after " + previousMillis);
        }
        return point.epochMillis();
    }
}
