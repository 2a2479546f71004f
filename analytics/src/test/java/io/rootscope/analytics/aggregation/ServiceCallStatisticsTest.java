package io.rootscope.analytics.aggregation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceCallStatisticsTest {

    private static final long T0 = 1_700_000_100_000L; // a five-minute boundary

    @Test
    void computesRateErrorRateAndLatencyPercentilesPerEdgeAndBucket() {
        ServiceCallStatistics statistics = new ServiceCallStatistics();
        for (int i = 1; i <= 30; i++) {
            statistics.add("frontend", "cart", T0 + i * 1_000L, i * 10.0, i % 10 == 0);
        }
        statistics.add("frontend", "cart", T0 + 300_000L, 5.0, false);
        statistics.add("cart", "redis", T0 + 299_999L, 1.5, true);

        List<ServiceCallBucket> buckets = statistics.buckets();

        assertEquals(List.of(
                new ServiceCallBucket("cart", "redis", T0, 1, 1, 1 / 300.0, 1.0, 1.5, 1.5),
                new ServiceCallBucket("frontend", "cart", T0, 30, 3, 30 / 300.0, 0.1, 150, 290),
                new ServiceCallBucket("frontend", "cart", T0 + 300_000L, 1, 0, 1 / 300.0, 0.0, 5, 5)),
                buckets);
    }

    @Test
    void rejectsInvalidLatenciesAndWidths() {
        ServiceCallStatistics statistics = new ServiceCallStatistics();
        assertThrows(IllegalArgumentException.class, () -> statistics.add("a", "b", T0, -1, false));
        assertThrows(IllegalArgumentException.class, () -> statistics.add("a", "b", T0, Double.NaN, false));
        assertThrows(IllegalArgumentException.class, () -> new ServiceCallStatistics(-5));
    }
}
