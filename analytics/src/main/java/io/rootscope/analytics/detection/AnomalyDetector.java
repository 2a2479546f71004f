package io.rootscope.analytics.detection;

import java.time.Duration;
import java.util.List;

/**
 * Judges the points of one metric series. Detectors keep no state between calls: a caller that processes a
 * stream in windows passes each window together with {@link #history()} of preceding points, which rebuilds
 * the detector's state.
 */
public interface AnomalyDetector {

    /**
     * Judges the points of a series ordered by time; points before the detector has enough history get no verdict.
     *
     * @throws IllegalArgumentException if the points are not in ascending time order
     */
    List<Verdict> detect(List<SeriesPoint> series);

    /** How much history before a point the detector needs to judge it. */
    Duration history();
}
