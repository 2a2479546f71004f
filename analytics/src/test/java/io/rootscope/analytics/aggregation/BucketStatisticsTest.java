package io.rootscope.analytics.aggregation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BucketStatisticsTest {

    @Test
    void eachBucketInOrderWhateverTheOrderOfThePoints() {
        BucketStatistics series = new BucketStatistics();
        // Bucket 20: 4, 1, 3, 2; bucket 10: 7 alone.
        for (double[] point : new double[][] {{20, 4}, {10, 7}, {20, 1}, {20, 3}, {20, 2}}) {
            series.add((long) point[0], point[1]);
        }
        assertEquals(List.of("10=7.0", "20=2.5"), collect(series, BucketStatistics.Statistic.MEAN));
        assertEquals(List.of("10=7.0", "20=4.0"), collect(series, BucketStatistics.Statistic.MAX));
        // percentile_cont(0.95) of 1, 2, 3, 4: rank 0.95 * 3 = 2.85, between 3 and 4.
        List<String> p95 = collect(series, BucketStatistics.Statistic.P95);
        assertEquals("10=7.0", p95.get(0));
        assertEquals(3.85, Double.parseDouble(p95.get(1).substring(3)), 1e-12);
    }

    @Test
    void manyPointsGrowTheBuffers() {
        BucketStatistics series = new BucketStatistics();
        for (int i = 0; i < 1000; i++) {
            series.add(i / 100, i);
        }
        assertEquals(1000, series.size());
        List<String> max = collect(series, BucketStatistics.Statistic.MAX);
        assertEquals(10, max.size());
        assertEquals("9=999.0", max.get(9));
    }

    private static List<String> collect(BucketStatistics series, BucketStatistics.Statistic statistic) {
        List<String> out = new ArrayList<>();
        series.forEach(statistic, (bucket, value) -> out.add(bucket + "=" + value));
        return out;
    }
}
