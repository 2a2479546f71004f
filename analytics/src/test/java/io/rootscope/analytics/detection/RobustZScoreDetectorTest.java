package io.rootscope.analytics.detection;

import static io.rootscope.analytics.detection.SyntheticSeries.anomalousIndices;
import static io.rootscope.analytics.detection.SyntheticSeries.range;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RobustZScoreDetectorTest {

    @Test
    void scoresAgainstTheMedianAndMadOfTheBaseline() {
        // Baseline 10, 12, 14, 16, 100: median 14, |x − 14| = 4, 2, 0, 2, 86, so MAD = 2. The outlier 100 moves neither.
        BaselineConfig config = new BaselineConfig(Duration.ofHours(1), 5, 3.5, Direction.BOTH, ScaleFloor.DEFAULT);
        List<Verdict> verdicts = new RobustZScoreDetector(config).detect(SyntheticSeries.values(10, 12, 14, 16, 100, 20));

        assertEquals(1, verdicts.size(), "the first five points only build the baseline");
        assertEquals((20 - 14) / (1.4826 * 2), verdicts.get(0).score(), 1e-12);
        assertFalse(verdicts.get(0).anomalous());
    }

    @Test
    void stepChangeIsAnomalousUntilTheSeriesReturns() {
        List<SeriesPoint> series = SyntheticSeries.of(120, 1, 7, i -> i >= 60 && i < 80 ? 130 : 100);

        List<Verdict> verdicts = new RobustZScoreDetector().detect(series);

        assertEquals(range(60, 80), anomalousIndices(verdicts),
                "a fault stays out of the baseline, so it stays anomalous for its whole length");
    }

    @Test
    void singleSpikeIsTheOnlyAnomaly() {
        List<SeriesPoint> series = SyntheticSeries.of(60, 1, 11, i -> i == 40 ? 160 : 100);

        assertEquals(List.of(40), anomalousIndices(new RobustZScoreDetector().detect(series)));
    }

    @Test
    void directionSelectsRisesOrDrops() {
        List<SeriesPoint> series = SyntheticSeries.of(60, 1, 3, i -> i >= 40 ? 50 : 100);
        RobustZScoreDetector upOnly = new RobustZScoreDetector(BaselineConfig.of(3.5, Direction.UP));

        assertEquals(List.of(), anomalousIndices(upOnly.detect(series)));
        assertEquals(range(40, 60), anomalousIndices(new RobustZScoreDetector(BaselineConfig.of(3.5, Direction.DOWN)).detect(series)));
        assertEquals(range(40, 60), anomalousIndices(new RobustZScoreDetector().detect(series)));
    }

    @Test
    void flatBaselineUsesTheScaleFloor() {
        // MAD 0: the floor (1 % of the level) keeps a 0.5 % wiggle normal and a 10 % rise anomalous.
        List<Verdict> verdicts = new RobustZScoreDetector().detect(
                SyntheticSeries.values(100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100.5, 110));

        assertEquals(0.5, verdicts.get(0).score(), 1e-9);
        assertEquals(List.of(11), anomalousIndices(verdicts));
    }

    @Test
    void baselineOrderStatisticsMatchSorting() {
        Random random = new Random(5);
        TrailingBaseline baseline = new TrailingBaseline(40 * SyntheticSeries.STEP);
        double[] window = new double[0];
        for (int i = 0; i < 200; i++) {
            double value = Math.floor(random.nextDouble() * 50);
            baseline.add(new SeriesPoint(SyntheticSeries.at(i), value));
            window = Arrays.copyOfRange(append(window, value), Math.max(0, window.length + 1 - 41), window.length + 1);
            assertEquals(median(window), baseline.median(), 1e-12, "median at " + i);
            double center = median(window);
            assertEquals(median(Arrays.stream(window).map(x -> Math.abs(x - center)).toArray()),
                    baseline.medianAbsoluteDeviation(), 1e-12, "MAD at " + i);
        }
    }

    @Test
    void rejectsUnorderedSeriesAndInvalidParameters() {
        RobustZScoreDetector detector = new RobustZScoreDetector();
        List<SeriesPoint> backwards = List.of(new SeriesPoint(2, 1), new SeriesPoint(1, 1));
        assertThrows(IllegalArgumentException.class, () -> detector.detect(backwards));
        assertThrows(IllegalArgumentException.class, () -> new RobustZScoreDetector(null));
        assertThrows(IllegalArgumentException.class, () -> BaselineConfig.of(0, Direction.UP));
        assertThrows(IllegalArgumentException.class, () -> BaselineConfig.of(3, null));
        assertThrows(IllegalArgumentException.class, () -> BaselineConfig.of(3, Direction.UP).withBaseline(Duration.ZERO, 10));
        assertThrows(IllegalArgumentException.class, () -> BaselineConfig.of(3, Direction.UP).withBaseline(Duration.ofMinutes(1), 1));
        assertThrows(IllegalArgumentException.class, () -> new ScaleFloor(-0.1, 1e-9));
        assertThrows(IllegalArgumentException.class, () -> new ScaleFloor(0.01, 0));
        assertThrows(IllegalArgumentException.class, () -> new SeriesPoint(0, Double.NaN));
    }

    private static double[] append(double[] values, double value) {
        double[] longer = Arrays.copyOf(values, values.length + 1);
        longer[values.length] = value;
        return longer;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
