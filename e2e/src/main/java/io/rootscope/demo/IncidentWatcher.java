package io.rootscope.demo;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/** Polls the {@code incidents} query kind for incidents that were not there when it was created. */
public final class IncidentWatcher {

    /** How far back the incidents query reaches: incidents start up to this long before they are stored. */
    static final Duration HORIZON = Duration.ofHours(1);

    private final BackendClient backend;
    private final Set<String> known = new HashSet<>();

    /** Remembers every incident there is now, so that only later ones count as new. */
    public IncidentWatcher(BackendClient backend) throws IOException, InterruptedException {
        this.backend = backend;
        Frame incidents = incidents();
        for (int row = 0; row < incidents.length(); row++) {
            known.add(incidents.text("event_id", row));
        }
    }

    /**
     * The earliest-starting new incident whose anomaly began at {@code onsetNotBefore} or later, or in the same
     * telemetry detection step (a log or trace anomaly starts at the beginning of its step, which can precede the
     * fault's request), once there is one; empty after {@code limit}.
     */
    public Optional<Incident> awaitNew(Instant onsetNotBefore, Duration limit, Duration every, Consumer<String> progress)
            throws IOException, InterruptedException {
        Instant since = Instant.now();
        Instant deadline = since.plus(limit);
        while (true) {
            Optional<Incident> found = earliestNew(stepStart(onsetNotBefore));
            if (found.isPresent()) {
                known.add(found.get().eventId());
                return found;
            }
            Instant now = Instant.now();
            if (!now.isBefore(deadline)) {
                return Optional.empty();
            }
            progress.accept("waiting for incident " + Duration.between(since, now).toSeconds() + " s...");
            Thread.sleep(Math.min(every.toMillis(), Duration.between(now, deadline).toMillis()));
        }
    }

    /** Waits until no incident is open, so that the next fault's incident cannot be the last one's continuing. */
    public boolean awaitNoneOpen(Duration limit, Duration every) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(limit);
        while (true) {
            Instant now = Instant.now();
            if (backend.first("incidents", Map.of("status", "open"), now.minus(HORIZON), now.plus(Duration.ofMinutes(1))).length() == 0) {
                return true;
            }
            if (!now.isBefore(deadline)) {
                return false;
            }
            Thread.sleep(every.toMillis());
        }
    }

    /** The start of the telemetry detection step holding the instant: steps are aligned to the epoch. */
    private static Instant stepStart(Instant instant) {
        long step = FastDetection.TELEMETRY_STEP.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(instant.toEpochMilli(), step) * step);
    }

    private Optional<Incident> earliestNew(Instant onsetNotBefore) throws IOException, InterruptedException {
        Frame incidents = incidents();
        Optional<Incident> earliest = Optional.empty();
        for (int row = 0; row < incidents.length(); row++) {
            Incident incident = Incident.of(incidents, row);
            if (!known.contains(incident.eventId()) && !incident.startedAt().isBefore(onsetNotBefore)
                    && (earliest.isEmpty() || incident.startedAt().isBefore(earliest.get().startedAt()))) {
                earliest = Optional.of(incident);
            }
        }
        return earliest;
    }

    private Frame incidents() throws IOException, InterruptedException {
        Instant now = Instant.now();
        return backend.first("incidents", Map.of("status", "all"), now.minus(HORIZON), now.plus(Duration.ofMinutes(1)));
    }
}
