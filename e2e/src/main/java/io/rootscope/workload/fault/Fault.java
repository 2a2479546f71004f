package io.rootscope.workload.fault;

import java.time.Instant;
import java.util.Optional;

/**
 * One injected fault and what actually happened to it: the ground truth RCA is evaluated against.
 *
 * @param scheduledStart when it was asked to start
 * @param startedAt      the simulation time it took effect, if it did
 * @param endedAt        the simulation time it stopped having effect (or was cancelled), if it did
 */
public record Fault(
        String id,
        FaultSpec spec,
        Instant requestedAt,
        Instant scheduledStart,
        FaultStatus status,
        Optional<Instant> startedAt,
        Optional<Instant> endedAt) {

    static Fault pending(String id, FaultSpec spec, Instant requestedAt) {
        return new Fault(id, spec, requestedAt, requestedAt.plus(spec.startDelay()), FaultStatus.PENDING,
                Optional.empty(), Optional.empty());
    }

    Fault started(Instant at) {
        return new Fault(id, spec, requestedAt, scheduledStart, FaultStatus.ACTIVE, Optional.of(at), endedAt);
    }

    Fault ended(FaultStatus finalStatus, Instant at) {
        return new Fault(id, spec, requestedAt, scheduledStart, finalStatus, startedAt, Optional.of(at));
    }

    public boolean isOver() {
        return status == FaultStatus.FINISHED || status == FaultStatus.CANCELLED;
    }
}
