package io.rootscope.analytics.detection;

import static io.rootscope.analytics.detection.SyntheticSeries.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * The five log and trace rules with their default tuning, from series to incident transitions through the
 * {@link AnomalyTracker}: each fault shape opens one incident at its first anomalous step, and a steady workload with
 * ordinary noise opens none.
 */
class TelemetryDetectionTest {

    private static final String SERVICE = "urn:k8s:svc:shop/carts";
    private static final int FAULT_AT = 60;
    private static final int LENGTH = 90;

    @Test
    void aSurgeOfErrorLogsOpensAnIncidentAtItsStart() {
        List<IncidentTransition> transitions = run(TelemetryDetection.LOG_ERROR_SURGE,
                counts(LENGTH, 1, i -> i < FAULT_AT ? 2 : 25));

        assertOpenedAt(FAULT_AT, transitions);
    }

    @Test
    void aNewErrorTemplateThatRepeatsOpensAnIncidentOnceItReachesTheMinimumCount() {
        NewTemplateSeries series = newTemplates(Map.of(FAULT_AT, 2L, FAULT_AT + 1, 3L, FAULT_AT + 2, 4L));

        assertOpenedAt(FAULT_AT + 1, run(TelemetryDetection.NEW_ERROR_TEMPLATE, series.points()));
        assertEquals("java.lang.IllegalStateException: <*>", series.leading().get(at(FAULT_AT + 1)));
    }

    @Test
    void oneStrayLineOfANewTemplateOpensNothing() {
        assertEquals(List.of(), run(TelemetryDetection.NEW_ERROR_TEMPLATE, newTemplates(Map.of(FAULT_AT, 1L)).points()));
    }

    @Test
    void aTemplateOfTheServicesFirstStepsIsNotNew() {
        NewTemplateSeries series = newTemplates(Map.of(3, 10L, 4, 10L));

        assertEquals(List.of(), run(TelemetryDetection.NEW_ERROR_TEMPLATE, series.points()));
    }

    @Test
    void aNewTemplateThatOnlyTricklesOpensNothing() {
        Map<Integer, Long> trickle = new HashMap<>();
        for (int i = FAULT_AT; i < LENGTH; i += 2) {
            trickle.put(i, 2L);
        }

        assertEquals(List.of(), run(TelemetryDetection.NEW_ERROR_TEMPLATE, newTemplates(trickle).points()));
    }

    @Test
    void aNewTemplateStopsBeingNewAfterTheNoveltyWindowSoItsIncidentCloses() {
        Map<Integer, Long> repeating = new HashMap<>();
        for (int i = FAULT_AT; i < LENGTH; i++) {
            repeating.put(i, 5L);
        }
        NewTemplateSeries series = newTemplates(repeating);
        List<IncidentTransition> transitions = run(TelemetryDetection.NEW_ERROR_TEMPLATE, series.points());

        assertOpenedAt(FAULT_AT, transitions);
        IncidentTransition.Closed closed = assertInstanceOf(IncidentTransition.Closed.class, transitions.get(1));
        assertEquals(at(FAULT_AT + TelemetryDetection.NOVELTY_POINTS_DEFAULT), closed.endedMillis());
    }

    @Test
    void anOperationsLatencyShiftOpensAnIncident() {
        List<IncidentTransition> transitions = run(TelemetryDetection.OPERATION_LATENCY,
                noisy(LENGTH, 8_000, 2, i -> i < FAULT_AT ? 100_000 : 180_000));

        assertOpenedAt(FAULT_AT, transitions);
    }

    @Test
    void anOperationThatStartsFailingOpensAnIncident() {
        List<IncidentTransition> transitions = run(TelemetryDetection.OPERATION_FAILURES,
                shares(LENGTH, 3, i -> i < FAULT_AT ? 0.01 : 0.8));

        assertOpenedAt(FAULT_AT, transitions);
    }

    @Test
    void oneFailureAmongAQuietOperationsFewSpansIsNoIncidentHoweverLongItLasts() {
        List<SeriesPoint> oneOfFive = new ArrayList<>();
        for (int i = 0; i < LENGTH; i++) {
            oneOfFive.add(new SeriesPoint(at(i), i < FAULT_AT ? 0 : 0.2));
        }

        assertEquals(List.of(), run(TelemetryDetection.OPERATION_FAILURES, oneOfFive));
    }

    @Test
    void anOperationWhoseSteadyCallsStopOpensAnIncident() {
        List<IncidentTransition> transitions = run(TelemetryDetection.OPERATION_DISAPPEARANCE,
                counts(LENGTH, 4, i -> i < FAULT_AT ? 20 : 0));

        assertOpenedAt(FAULT_AT, transitions);
    }

    @Test
    void anOperationWhoseCallsHalveOrThatWasNeverSteadyIsNoDisappearance() {
        assertEquals(List.of(), run(TelemetryDetection.OPERATION_DISAPPEARANCE, counts(LENGTH, 5, i -> i < FAULT_AT ? 20 : 10)));
        List<SeriesPoint> sparse = new ArrayList<>();
        for (int i = 0; i < LENGTH; i++) {
            sparse.add(new SeriesPoint(at(i), i < FAULT_AT && i % 3 == 0 ? 12 : 0));
        }
        assertEquals(List.of(), run(TelemetryDetection.OPERATION_DISAPPEARANCE, sparse), "calls every third step only");
    }

    @Test
    void aSteadyWorkloadOpensNoIncidentOnAnySignal() {
        for (long seed = 1; seed <= 20; seed++) {
            assertEquals(List.of(), run(TelemetryDetection.LOG_ERROR_SURGE, counts(240, seed, i -> 3)), "error logs, seed " + seed);
            assertEquals(List.of(), run(TelemetryDetection.OPERATION_LATENCY, noisy(240, 15_000, seed, i -> 100_000)),
                    "latency, seed " + seed);
            assertEquals(List.of(), run(TelemetryDetection.OPERATION_FAILURES, shares(240, seed, i -> 0.01)), "failures, seed " + seed);
            assertEquals(List.of(), run(TelemetryDetection.OPERATION_DISAPPEARANCE, counts(240, seed, i -> 20)), "calls, seed " + seed);
        }
        Map<Integer, Long> known = Map.of();
        assertEquals(List.of(), run(TelemetryDetection.NEW_ERROR_TEMPLATE, newTemplates(known).points()), "no new template");
    }

    @Test
    void invalidSettingsAreRejected() {
        Duration minute = Duration.ofMinutes(1);
        assertThrows(IllegalArgumentException.class, () -> new TelemetryDetection(Duration.ZERO, minute, 10, 3.5, 5, 3, 10));
        assertThrows(IllegalArgumentException.class, () -> new TelemetryDetection(minute, minute, 10, 3.5, 5, 3, 10));
        assertThrows(IllegalArgumentException.class, () -> new TelemetryDetection(minute, minute.multipliedBy(30), 1, 3.5, 5, 3, 10));
        assertThrows(IllegalArgumentException.class, () -> new TelemetryDetection(minute, minute.multipliedBy(30), 10, 0, 5, 3, 10));
        assertThrows(IllegalArgumentException.class, () -> new TelemetryDetection(minute, minute.multipliedBy(30), 10, 3.5, 0, 3, 10));
        assertThrows(IllegalArgumentException.class, () -> new TelemetryDetection(minute, minute.multipliedBy(30), 10, 3.5, 5, 0, 10));
        assertThrows(IllegalArgumentException.class, () -> new TelemetryDetection(minute, minute.multipliedBy(30), 10, 3.5, 5, 3, 0));
        assertThrows(IllegalArgumentException.class, () -> new NoveltyDetector(0));
        assertThrows(IllegalArgumentException.class, () -> new DisappearanceConfig(minute, 10, 0, 5, 0.1));
        assertThrows(IllegalArgumentException.class, () -> new DisappearanceConfig(minute, 10, 0.9, 0, 0.1));
        assertThrows(IllegalArgumentException.class, () -> new DisappearanceConfig(minute, 10, 0.9, 5, 1));
    }

    /** The service logs from step 0; one error template of it first appears with these counts per step index. */
    private static NewTemplateSeries newTemplates(Map<Integer, Long> countsByIndex) {
        TreeMap<Long, Long> counts = new TreeMap<>();
        countsByIndex.forEach((index, count) -> counts.put(at(index), count));
        List<NewTemplateSeries.TemplateCounts> templates = counts.isEmpty() ? List.of()
                : List.of(new NewTemplateSeries.TemplateCounts("java.lang.IllegalStateException: <*>", counts));
        return NewTemplateSeries.build(at(0), at(LENGTH), SyntheticSeries.STEP, templates,
                TelemetryDetection.NOVELTY_POINTS_DEFAULT, BaselineConfig.MIN_BASELINE_POINTS_DEFAULT);
    }

    private static List<IncidentTransition> run(String ruleName, List<SeriesPoint> series) {
        DetectionRule rule = TelemetryDetection.DEFAULT.rules().stream().filter(r -> r.name().equals(ruleName)).findFirst().orElseThrow();
        SeriesRef ref = new SeriesRef(new IncidentKey(rule.name(), SERVICE), SERVICE, rule.metrics().get(0));
        Map<SeriesRef, List<Verdict>> verdicts = new LinkedHashMap<>();
        verdicts.put(ref, rule.detector().detect(series));
        return new AnomalyTracker(Map.of(rule.name(), rule.hysteresis())).observeAll(verdicts);
    }

    private static void assertOpenedAt(int index, List<IncidentTransition> transitions) {
        assertTrue(!transitions.isEmpty(), "no incident");
        IncidentTransition.Opened opened = assertInstanceOf(IncidentTransition.Opened.class, transitions.get(0));
        assertEquals(at(index), opened.anomalyStartMillis(), "anomaly start");
        assertEquals(1, transitions.stream().filter(t -> t instanceof IncidentTransition.Opened).count(), "one incident: " + transitions);
    }

    /** Poisson counts around {@code mean(i)}. */
    private static List<SeriesPoint> counts(int n, long seed, IntToDoubleFunction mean) {
        Random random = new Random(seed);
        List<SeriesPoint> points = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            points.add(new SeriesPoint(at(i), poisson(random, mean.applyAsDouble(i))));
        }
        return points;
    }

    /** Gaussian noise of this standard deviation around {@code level(i)}. */
    private static List<SeriesPoint> noisy(int n, double sigma, long seed, IntToDoubleFunction level) {
        Random random = new Random(seed);
        List<SeriesPoint> points = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            points.add(new SeriesPoint(at(i), Math.max(0, level.applyAsDouble(i) + sigma * random.nextGaussian())));
        }
        return points;
    }

    /** The failed share of 20 spans per step, each failing with probability {@code p(i)}. */
    private static List<SeriesPoint> shares(int n, long seed, IntToDoubleFunction p) {
        Random random = new Random(seed);
        List<SeriesPoint> points = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int failed = 0;
            for (int span = 0; span < 20; span++) {
                failed += random.nextDouble() < p.applyAsDouble(i) ? 1 : 0;
            }
            points.add(new SeriesPoint(at(i), failed / 20.0));
        }
        return points;
    }

    private static int poisson(Random random, double mean) {
        double limit = Math.exp(-mean);
        double product = random.nextDouble();
        int count = 0;
        while (product > limit) {
            product *= random.nextDouble();
            count++;
        }
        return count;
    }
}
