package io.rootscope.analytics.detection;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Judges a {@link NewTemplateSeries}: a point is anomalous when the events of templates still new at it, in its step,
 * reach the minimum count, so that one stray line of a new template pages nobody while a new exception that repeats does.
 * The score is the count over the minimum. Needs no history: the series itself only counts what is new.
 */
public final class NoveltyDetector implements AnomalyDetector {

    public static final int MIN_COUNT_DEFAULT = 3;

    private final int minCount;

    public NoveltyDetector(int minCount) {
        if (minCount < 1) {
            throw new IllegalArgumentException("minimum count of new-template events must be at least 1, got " + minCount);
        }
        this.minCount = minCount;
    }

    @Override
    public List<Verdict> detect(List<SeriesPoint> series) {
        List<Verdict> verdicts = new ArrayList<>(series.size());
        long previous = Long.MIN_VALUE;
        for (SeriesPoint point : series) {
            previous = BaselineScan.requireAscending(previous, point);
            verdicts.add(new Verdict(point.epochMillis(), point.value(), point.value() / minCount, point.value() >= minCount));
        }
        return verdicts;
    }

    @Override
    public Duration history() {
        return Duration.ZERO;
    }
}
