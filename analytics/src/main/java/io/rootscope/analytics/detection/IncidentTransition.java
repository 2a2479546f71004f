package io.rootscope.analytics.detection;

/**
 * A change of an incident reported by {@link AnomalyTracker}. Every transition names the incident by its key and
 * the start of its anomaly, which together identify it.
 */
public sealed interface IncidentTransition {

    IncidentKey key();

    long anomalyStartMillis();

    /** A series of a quiet key became anomalous: a new incident starting at its episode's first point. */
    record Opened(IncidentKey key, long anomalyStartMillis, Episode episode) implements IncidentTransition {
    }

    /** Another series (or the same one again) became anomalous while the incident was open. */
    record Joined(IncidentKey key, long anomalyStartMillis, Episode episode) implements IncidentTransition {
    }

    /** The last anomalous series of the incident recovered at {@code endedMillis}, its first normal point. */
    record Closed(IncidentKey key, long anomalyStartMillis, long endedMillis) implements IncidentTransition {
    }
}
