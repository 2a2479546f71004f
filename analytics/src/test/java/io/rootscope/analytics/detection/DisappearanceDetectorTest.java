package io.rootscope.analytics.detection;

import static io.rootscope.analytics.detection.SyntheticSeries.anomalousIndices;
import static io.rootscope.analytics.detection.SyntheticSeries.range;
import static io.rootscope.analytics.detection.SyntheticSeries.values;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class DisappearanceDetectorTest {

    private final DisappearanceDetector detector = new DisappearanceDetector(DisappearanceConfig.of(Duration.ofMinutes(30), 5));

    @Test
    void callsThatStopAreAnomalousUntilTheyReturnAndTheStopIsNotLearnt() {
        List<Verdict> verdicts = detector.detect(values(10, 12, 9, 11, 10, 10, 11, 0, 0, 1, 0, 10, 9));

        assertEquals(List.of(7, 8, 9, 10), anomalousIndices(verdicts));
        assertEquals(-1.0, verdicts.get(2).score(), 1e-9, "the point at index 7 dropped by the whole median");
    }

    @Test
    void aTrickleOrAnIntermittentOperationNeverDisappears() {
        assertEquals(List.of(), anomalousIndices(detector.detect(values(2, 3, 2, 3, 2, 2, 0, 0, 0))), "median below the level");
        assertEquals(List.of(), anomalousIndices(detector.detect(values(10, 0, 10, 10, 0, 10, 0, 0, 0))), "never steady");
    }

    @Test
    void pointsBeforeTheBaselineFillsGetNoVerdict() {
        assertEquals(range(0, 0), anomalousIndices(detector.detect(values(10, 10, 0, 0))));
        assertEquals(0, detector.detect(values(10, 10, 10, 10)).size());
    }
}
