package io.rootscope.analytics.detection;

import static io.rootscope.analytics.detection.SyntheticSeries.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.rootscope.analytics.detection.IncidentTransition.Closed;
import io.rootscope.analytics.detection.IncidentTransition.Joined;
import io.rootscope.analytics.detection.IncidentTransition.Opened;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AnomalyTrackerTest {

    private static final IncidentKey ORDERS = new IncidentKey("anomaly", "urn:k8s:svc:shop/orders");
    private static final IncidentKey CARTS = new IncidentKey("anomaly", "urn:k8s:svc:shop/carts");
    private static final SeriesRef ORDERS_LATENCY = new SeriesRef(ORDERS, ORDERS.group(), MetricSelector.avg("latency"));
    private static final SeriesRef ORDERS_ERRORS = new SeriesRef(ORDERS, ORDERS.group(), MetricSelector.avg("error_rate"));
    private static final SeriesRef CARTS_LATENCY = new SeriesRef(CARTS, CARTS.group(), MetricSelector.avg("latency"));
    /** Open after 3 anomalous points, close after 2 normal ones. */
    private static final Map<String, Hysteresis> RULES = Map.of("anomaly", new Hysteresis(3, Duration.ZERO, 2));

    @Test
    void opensAtTheFirstAnomalousPointAndClosesAtTheFirstNormalOne() {
        List<IncidentTransition> transitions = new AnomalyTracker(RULES).observeAll(Map.of(ORDERS_LATENCY,
                verdicts("..AAAAA....", 0)));

        assertEquals(List.of(
                new Opened(ORDERS, at(2), new Episode(ORDERS_LATENCY, at(2), at(4), 9)),
                new Closed(ORDERS, at(2), at(7))), transitions);
    }

    @Test
    void flappingSignalOpensAtMostOneIncident() {
        assertEquals(List.of(), new AnomalyTracker(RULES).observeAll(Map.of(ORDERS_LATENCY, verdicts("AA.AA.A.AA.A", 0))),
                "never three anomalous points in a row");
        List<IncidentTransition> transitions = new AnomalyTracker(RULES).observeAll(Map.of(ORDERS_LATENCY,
                verdicts("AAA.A.AA.AA.A..", 0)));
        assertEquals(2, transitions.size(), "one open, one close: " + transitions);
        assertEquals(new Closed(ORDERS, at(0), at(13)), transitions.get(1));
    }

    @Test
    void metricsOfOneServiceShareAnIncidentThatClosesWhenAllRecover() {
        Map<SeriesRef, List<Verdict>> series = new LinkedHashMap<>();
        series.put(ORDERS_LATENCY, verdicts(".AAAA.......", 0));
        series.put(ORDERS_ERRORS, verdicts("...AAAAAA...", 0));
        series.put(CARTS_LATENCY, verdicts("....AAA.....", 0));

        List<IncidentTransition> transitions = new AnomalyTracker(RULES).observeAll(series);

        assertEquals(List.of(
                new Opened(ORDERS, at(1), new Episode(ORDERS_LATENCY, at(1), at(3), 9)),
                new Joined(ORDERS, at(1), new Episode(ORDERS_ERRORS, at(3), at(5), 9)),
                new Opened(CARTS, at(4), new Episode(CARTS_LATENCY, at(4), at(6), 9)),
                new Closed(CARTS, at(4), at(7)),
                new Closed(ORDERS, at(1), at(9))), transitions);
    }

    @Test
    void sloSpanDelaysTheOpeningButNotItsStart() {
        AnomalyTracker tracker = new AnomalyTracker(Map.of("anomaly", new Hysteresis(1, Duration.ofMinutes(3), 1)));

        List<IncidentTransition> transitions = tracker.observeAll(Map.of(ORDERS_LATENCY, verdicts(".AA.AAAA.", 0)));

        assertEquals(List.of(
                new Opened(ORDERS, at(4), new Episode(ORDERS_LATENCY, at(4), at(7), 9)),
                new Closed(ORDERS, at(4), at(8))), transitions);
    }

    @Test
    void restoredIncidentClosesWithoutReopening() {
        AnomalyTracker tracker = new AnomalyTracker(RULES);
        tracker.restoreOpen(ORDERS, at(-30));

        List<IncidentTransition> transitions = tracker.observeAll(Map.of(ORDERS_LATENCY, verdicts("AA.A...", 0)));

        assertEquals(List.of(new Closed(ORDERS, at(-30), at(4))), transitions);
    }

    @Test
    void suppressedVerdictsBelongToAnEarlierIncident() {
        AnomalyTracker tracker = new AnomalyTracker(RULES);
        tracker.suppressUntil(ORDERS, at(3));

        List<IncidentTransition> transitions = tracker.observeAll(Map.of(ORDERS_LATENCY, verdicts("AAA..AAA", 0)));

        assertEquals(List.of(new Opened(ORDERS, at(5), new Episode(ORDERS_LATENCY, at(5), at(7), 9))), transitions);
    }

    @Test
    void rejectsSeriesOfUnknownRules() {
        SeriesRef unknown = new SeriesRef(new IncidentKey("other", "urn:host:a"), "urn:host:a", MetricSelector.avg("cpu"));
        AnomalyTracker tracker = new AnomalyTracker(RULES);
        Verdict verdict = new Verdict(0, 1, 1, true);

        assertThrows(IllegalArgumentException.class, () -> tracker.observe(unknown, verdict));
        assertEquals(Optional.empty(), tracker.observe(ORDERS_LATENCY, verdict));
    }

    /** One verdict a minute from index {@code first}: 'A' anomalous with score 9, '.' normal with score 0. */
    private static List<Verdict> verdicts(String pattern, int first) {
        List<Verdict> verdicts = new ArrayList<>();
        for (int i = 0; i < pattern.length(); i++) {
            boolean anomalous = pattern.charAt(i) == 'A';
            verdicts.add(new Verdict(at(first + i), anomalous ? 10 : 1, anomalous ? 9 : 0, anomalous));
        }
        return verdicts;
    }
}
