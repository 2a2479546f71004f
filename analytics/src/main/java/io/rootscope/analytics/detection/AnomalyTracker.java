package io.rootscope.analytics.detection;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns the verdicts of many series into incidents, one state machine per {@link IncidentKey} (rule, resource
 * group). A series starts counting as anomalous by its rule's {@link Hysteresis} (N consecutive anomalous points)
 * and stops after M consecutive normal ones, so a flapping signal neither opens nor closes incidents on every
 * flip. The first anomalous series of a quiet key opens an incident; series of the same key that become anomalous
 * while it is open join it (several metrics of one service, one incident); it closes when none is anomalous any
 * more.
 *
 * <p>Verdicts must arrive in time order per key ({@link #observeAll} merges series by time). State left by an
 * earlier run is restored with {@link #restoreOpen} and {@link #suppressUntil} before the first verdict.
 * Time O(1) per verdict. Not thread-safe.
 */
public final class AnomalyTracker {

    private static final class SeriesState {
        boolean anomalous;
        int anomalousPoints;
        long runStart;
        double peakScore;
        int normalPoints;
        long recoveredAt;

        SeriesState(boolean anomalous) {
            this.anomalous = anomalous;
        }
    }

    private static final class IncidentState {
        boolean open;
        /** Opened by an earlier run: its series are unknown, so each is taken as anomalous when first seen. */
        boolean restored;
        long anomalyStart;
        long lastRecovery = Long.MIN_VALUE;
        long suppressedUntil = Long.MIN_VALUE;
        final Set<SeriesRef> anomalous = new HashSet<>();
    }

    private final Map<String, Hysteresis> hysteresisByRule;
    private final Map<IncidentKey, IncidentState> incidents = new HashMap<>();
    private final Map<SeriesRef, SeriesState> series = new HashMap<>();

    /** @param hysteresisByRule the hysteresis of each rule whose series will be observed */
    public AnomalyTracker(Map<String, Hysteresis> hysteresisByRule) {
        this.hysteresisByRule = Map.copyOf(hysteresisByRule);
    }

    /** Restores an incident an earlier run opened and did not close. */
    public void restoreOpen(IncidentKey key, long anomalyStartMillis) {
        IncidentState incident = incident(key);
        incident.open = true;
        incident.restored = true;
        incident.anomalyStart = anomalyStartMillis;
    }

    /** Ignores the key's verdicts before {@code millis}: an earlier run already turned them into an incident. */
    public void suppressUntil(IncidentKey key, long millis) {
        incident(key).suppressedUntil = millis;
    }

    /** Observes the verdicts of several series, merged in time order (ties by order of the map's iteration). */
    public List<IncidentTransition> observeAll(Map<SeriesRef, List<Verdict>> verdictsBySeries) {
        record Observation(SeriesRef series, Verdict verdict, int seriesOrder) {
        }
        List<Observation> observations = new ArrayList<>();
        int order = 0;
        for (Map.Entry<SeriesRef, List<Verdict>> entry : verdictsBySeries.entrySet()) {
            for (Verdict verdict : entry.getValue()) {
                observations.add(new Observation(entry.getKey(), verdict, order));
            }
            order++;
        }
        observations.sort(Comparator.comparingLong((Observation o) -> o.verdict().epochMillis())
                .thenComparingInt(Observation::seriesOrder));
        List<IncidentTransition> transitions = new ArrayList<>();
        for (Observation observation : observations) {
            observe(observation.series(), observation.verdict()).ifPresent(transitions::add);
        }
        return transitions;
    }

    /**
     * Observes one verdict of a series; returns the incident transition it causes, if any.
     *
     * @throws IllegalArgumentException if the series' rule has no hysteresis
     */
    public Optional<IncidentTransition> observe(SeriesRef ref, Verdict verdict) {
        Hysteresis hysteresis = hysteresisByRule.get(ref.key().rule());
        if (hysteresis == null) {
            throw new IllegalArgumentException("no hysteresis for rule " + ref.key().rule());
        }
        IncidentState incident = incident(ref.key());
        if (verdict.epochMillis() < incident.suppressedUntil) {
            return Optional.empty();
        }
        SeriesState state = series.computeIfAbsent(ref, r -> {
            boolean assumedAnomalous = incident.open && incident.restored;
            if (assumedAnomalous) {
                incident.anomalous.add(r);
            }
            return new SeriesState(assumedAnomalous);
        });
        return verdict.anomalous() ? anomalous(ref, state, incident, verdict, hysteresis)
                : normal(ref, state, incident, verdict, hysteresis);
    }

    private Optional<IncidentTransition> anomalous(SeriesRef ref, SeriesState state, IncidentState incident,
                                                   Verdict verdict, Hysteresis hysteresis) {
        state.normalPoints = 0;
        if (state.anomalousPoints == 0) {
            state.runStart = verdict.epochMillis();
            state.peakScore = 0;
        }
        state.anomalousPoints++;
        state.peakScore = Math.max(state.peakScore, Math.abs(verdict.score()));
        boolean confirmed = state.anomalousPoints >= hysteresis.openAfterPoints()
                && verdict.epochMillis() - state.runStart >= hysteresis.minOpenSpan().toMillis();
        if (state.anomalous || !confirmed) {
            return Optional.empty();
        }
        state.anomalous = true;
        incident.anomalous.add(ref);
        Episode episode = new Episode(ref, state.runStart, verdict.epochMillis(), state.peakScore);
        if (incident.open) {
            return Optional.of(new IncidentTransition.Joined(ref.key(), incident.anomalyStart, episode));
        }
        incident.open = true;
        incident.restored = false;
        incident.anomalyStart = state.runStart;
        incident.lastRecovery = Long.MIN_VALUE;
        return Optional.of(new IncidentTransition.Opened(ref.key(), incident.anomalyStart, episode));
    }

    private Optional<IncidentTransition> normal(SeriesRef ref, SeriesState state, IncidentState incident,
                                                Verdict verdict, Hysteresis hysteresis) {
        if (!state.anomalous) {
            state.anomalousPoints = 0;
            return Optional.empty();
        }
        if (state.normalPoints == 0) {
            state.recoveredAt = verdict.epochMillis();
        }
        state.normalPoints++;
        if (state.normalPoints < hysteresis.closeAfterPoints()) {
            return Optional.empty();
        }
        state.anomalous = false;
        state.anomalousPoints = 0;
        incident.anomalous.remove(ref);
        incident.lastRecovery = Math.max(incident.lastRecovery, state.recoveredAt);
        if (!incident.open || !incident.anomalous.isEmpty()) {
            return Optional.empty();
        }
        incident.open = false;
        incident.restored = false;
        return Optional.of(new IncidentTransition.Closed(ref.key(), incident.anomalyStart, incident.lastRecovery));
    }

    private IncidentState incident(IncidentKey key) {
        return incidents.computeIfAbsent(key, k -> new IncidentState());
    }
}
