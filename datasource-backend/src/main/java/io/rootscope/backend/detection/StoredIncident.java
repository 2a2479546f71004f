package io.rootscope.backend.detection;

import io.rootscope.analytics.detection.IncidentKey;
import java.time.Instant;
import java.util.Optional;

/** An incident an earlier detection run stored: its key, when its anomaly started and, once resolved, ended. */
record StoredIncident(IncidentKey key, Instant startedAt, Optional<Instant> endedAt) {
}
