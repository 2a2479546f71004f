package io.rootscope.analytics.detection;

import static io.rootscope.analytics.detection.SyntheticSeries.anomalousIndices;
import static io.rootscope.analytics.detection.SyntheticSeries.range;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class EwmaDetectorTest {

    private static final EwmaConfig HALF = new EwmaConfig(0.5, 4, Duration.ofMillis(1), Direction.BOTH, ScaleFloor.DEFAULT);

    @Test
    void followsFinchIncrementalMeanAndVariance() {
        // λ = 0.5: after 10, μ = 10, σ² = 0; after 12, d = 2, μ = 11, σ² = 0.5 · (0 + 0.5 · 4) = 1.
        // 14 scores (14 − 11) / 1 = 3, within 4, and trains: d = 3, μ = 12.5, σ² = 0.5 · (1 + 0.5 · 9) = 2.75.
        List<Verdict> verdicts = new EwmaDetector(HALF).detect(SyntheticSeries.values(10, 12, 14, 20));

        assertEquals(2, verdicts.size());
        assertEquals(3, verdicts.get(0).score(), 1e-12);
        assertEquals((20 - 12.5) / Math.sqrt(2.75), verdicts.get(1).score(), 1e-12);
        assertEquals(List.of(3), anomalousIndices(verdicts));
    }

    @Test
    void slowDriftIsFollowedNotFlagged() {
        // +0.05 a minute: the level climbs by 12 (12 noise widths) over the series, yet every step is small.
        List<SeriesPoint> drift = SyntheticSeries.of(240, 1, 17, i -> 100 + 0.05 * i);
        EwmaDetector detector = new EwmaDetector();

        List<Verdict> verdicts = detector.detect(drift);

        assertEquals(240 - 30, verdicts.size(), "the first 30 minutes warm up");
        assertEquals(List.of(), anomalousIndices(verdicts));
    }

    @Test
    void stepChangeIsFlaggedWhileItLasts() {
        List<SeriesPoint> step = SyntheticSeries.of(120, 1, 19, i -> i >= 60 && i < 75 ? 110 : 100);

        assertEquals(range(60, 75), anomalousIndices(new EwmaDetector().detect(step)));
    }

    @Test
    void rejectsInvalidParameters() {
        assertThrows(IllegalArgumentException.class, () -> new EwmaConfig(0, 4, Duration.ofMinutes(1), Direction.UP, ScaleFloor.DEFAULT));
        assertThrows(IllegalArgumentException.class, () -> new EwmaConfig(1.5, 4, Duration.ofMinutes(1), Direction.UP, ScaleFloor.DEFAULT));
        assertThrows(IllegalArgumentException.class, () -> new EwmaConfig(0.1, -1, Duration.ofMinutes(1), Direction.UP, ScaleFloor.DEFAULT));
        assertThrows(IllegalArgumentException.class, () -> new EwmaConfig(0.1, 4, Duration.ZERO, Direction.UP, ScaleFloor.DEFAULT));
        assertThrows(IllegalArgumentException.class, () -> new EwmaConfig(0.1, 4, Duration.ofMinutes(1), null, ScaleFloor.DEFAULT));
        assertThrows(IllegalArgumentException.class, () -> new EwmaDetector(null));
    }
}
