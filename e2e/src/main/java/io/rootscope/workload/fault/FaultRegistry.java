package io.rootscope.workload.fault;

import io.rootscope.workload.topology.Service;
import io.rootscope.workload.topology.Topology;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * All faults ever injected, advanced by simulation time. Thread-safe: the HTTP API schedules and cancels while
 * the simulation advances.
 */
public final class FaultRegistry {

    private final Topology topology;
    private final FaultListener listener;
    private final Map<String, Fault> faults = new LinkedHashMap<>();
    private int nextId = 1;

    public FaultRegistry(Topology topology, FaultListener listener) {
        this.topology = Objects.requireNonNull(topology, "topology");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** Schedules a fault; rejects targets that are not services of the topology. */
    public synchronized Fault schedule(FaultSpec spec, Instant now) {
        if (topology.find(spec.target()).isEmpty()) {
            throw new InvalidFaultException("target", "unknown target " + spec.target() + "; known services: "
                    + topology.services().stream().map(s -> s.name()).toList());
        }
        Service target = topology.service(spec.target());
        if (!spec.type().acceptsTarget(target.kind(), target.runtime())) {
            throw new InvalidFaultException("target", spec.type() + " cannot be injected into " + spec.target() + "; it can into "
                    + topology.services().stream().filter(s -> spec.type().acceptsTarget(s.kind(), s.runtime())).map(Service::name).toList());
        }
        Fault fault = Fault.pending("fault-" + nextId++, spec, now);
        put(fault);
        return fault;
    }

    /** Cancels a pending or active fault; a fault already over is returned unchanged. */
    public synchronized Optional<Fault> cancel(String id, Instant now) {
        Fault fault = faults.get(id);
        if (fault == null || fault.isOver()) {
            return Optional.ofNullable(fault);
        }
        Fault cancelled = fault.ended(FaultStatus.CANCELLED, now);
        put(cancelled);
        return Optional.of(cancelled);
    }

    /** Starts and finishes faults whose time has come; returns those in effect at {@code now}. */
    public synchronized List<Fault> advance(Instant now) {
        List<Fault> active = new ArrayList<>();
        for (Fault fault : List.copyOf(faults.values())) {
            Fault current = fault;
            if (current.status() == FaultStatus.PENDING && !now.isBefore(current.scheduledStart())) {
                current = current.started(now);
                put(current);
            }
            if (current.status() == FaultStatus.ACTIVE) {
                Instant end = current.startedAt().orElseThrow().plus(current.spec().duration());
                if (now.isBefore(end)) {
                    active.add(current);
                } else {
                    put(current.ended(FaultStatus.FINISHED, now));
                }
            }
        }
        return active;
    }

    public synchronized List<Fault> all() {
        return List.copyOf(faults.values());
    }

    public synchronized Optional<Fault> find(String id) {
        return Optional.ofNullable(faults.get(id));
    }

    private void put(Fault fault) {
        faults.put(fault.id(), fault);
        listener.changed(fault);
    }
}
