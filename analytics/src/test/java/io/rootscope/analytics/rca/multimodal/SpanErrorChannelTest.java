package io.rootscope.analytics.rca.multimodal;

import io.rootscope.analytics.rca.SpanRecord;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Two services whose share of failing spans rises from 0 to 10 %: "rare" over 10 spans, "busy" over 100. */
class SpanErrorChannelTest {

    @Test
    void aRiseSeenInFewFailedSpansCountsLessThanTheSameRiseSeenInMany() {
        List<SpanRecord> before = new ArrayList<>();
        List<SpanRecord> after = new ArrayList<>();
        for (String service : List.of("rare", "busy", "steady", "idle")) {
            int spans = service.equals("rare") ? 10 : 100;
            int failed = service.equals("rare") || service.equals("busy") ? spans / 10 : 0;
            add(before, service, 100, 0, 0);
            add(after, service, spans, failed, 60_000_000L);
        }
        Map<String, Double> z = SpanErrorChannel.of(new TracePeriod(before), new TracePeriod(after),
                Set.of("rare", "busy", "steady", "idle"), MultimodalConfig.DEFAULTS).calibrated();

        MultimodalConfig config = MultimodalConfig.DEFAULTS;
        double rare = 0.1 * config.credibility(1);
        double busy = 0.1 * config.credibility(10);
        // The calibration is linear in the raw scores: differences from steady's keep their ratio.
        assertEquals(busy / rare, (z.get("busy") - z.get("steady")) / (z.get("rare") - z.get("steady")), 1e-9, z.toString());
    }

    /** {@code spans} root spans of the service over a minute from {@code from} (µs), the first {@code failed} failing. */
    private static void add(List<SpanRecord> spans, String service, int count, int failed, long from) {
        for (int i = 0; i < count; i++) {
            String trace = service + from + "-" + i;
            spans.add(new SpanRecord(trace, "s", null, service, "GET /", from + i * 60_000_000L / count, 1_000, i < failed));
        }
    }
}
