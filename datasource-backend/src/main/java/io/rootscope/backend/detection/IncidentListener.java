package io.rootscope.backend.detection;

import java.time.Instant;
import java.util.UUID;

/**
 * Told about each newly opened incident, e.g. to start its AutoMAP diagnosis. Called once per incident (not
 * again when a re-run finds it again), after the run's writes; when the caller runs detection inside its own
 * transaction, the incident becomes visible to other connections only at its commit.
 */
@FunctionalInterface
public interface IncidentListener {

    /**
     * @param eventId      the incident's {@code event_envelope} row
     * @param frontendUrn  the service whose indicators are anomalous: where the diagnosis starts
     * @param anomalyStart when the anomaly began, which separates the normal and the anomalous periods
     */
    void opened(UUID eventId, long tenantId, String frontendUrn, Instant anomalyStart);
}
