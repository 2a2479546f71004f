package io.rootscope.analytics.detection;

import static io.rootscope.analytics.detection.SyntheticSeries.anomalousIndices;
import static io.rootscope.analytics.detection.SyntheticSeries.range;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class NSigmaDetectorTest {

    @Test
    void scoresInSampleStandardDeviationsFromTheMean() {
        // Baseline 10, 12, 14, 16: mean 13, sample variance (9 + 1 + 1 + 9) / 3.
        BaselineConfig config = new BaselineConfig(Duration.ofHours(1), 4, 3, Direction.BOTH, ScaleFloor.DEFAULT);
        List<Verdict> verdicts = new NSigmaDetector(config).detect(SyntheticSeries.values(10, 12, 14, 16, 20, 40));

        assertEquals(7 / Math.sqrt(20.0 / 3), verdicts.get(0).score(), 1e-12);
        assertEquals(List.of(5), anomalousIndices(verdicts), "20 is 2.7 sigma, within 3; it joins the baseline");
    }

    @Test
    void stepChangeAndSpikeAreAnomalous() {
        List<SeriesPoint> series = SyntheticSeries.of(120, 1, 13, i -> i == 30 ? 115 : i >= 70 && i < 90 ? 110 : 100);

        List<Integer> anomalous = anomalousIndices(new NSigmaDetector().detect(series));

        assertTrue(anomalous.contains(30), "spike: " + anomalous);
        assertTrue(anomalous.containsAll(range(70, 90)), "step: " + anomalous);
        assertEquals(21, anomalous.size(), "nothing else: " + anomalous);
    }

    @Test
    void rejectsMissingConfig() {
        assertThrows(IllegalArgumentException.class, () -> new NSigmaDetector(null));
    }
}
