package io.rootscope.workload.sim;

import io.rootscope.workload.fault.FaultRegistry;
import io.rootscope.workload.fault.FaultSpec;
import io.rootscope.workload.fault.FaultType;
import io.rootscope.workload.topology.SockShopTopology;
import io.rootscope.workload.topology.Topology;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;

/** A seeded Sock Shop simulation stepped one second at a time on a manual clock. */
final class SimulationRun {

    static final Instant START = Instant.parse("2026-01-05T10:00:00Z");

    final Topology topology = SockShopTopology.create();
    final FaultRegistry faults = new FaultRegistry(topology, fault -> { });
    final Simulation simulation;
    private Instant now = START;

    SimulationRun(long seed) {
        Random random = new Random(seed);
        simulation = new Simulation(topology, faults, new LoadModel(random), random, Duration.ofSeconds(1));
    }

    Tick step() {
        now = now.plusSeconds(1);
        return simulation.step(now);
    }

    /** Steps {@code seconds} ticks and returns the snapshot at the end. */
    SimulationSnapshot run(int seconds) {
        for (int i = 0; i < seconds; i++) {
            step();
        }
        return simulation.snapshot();
    }

    void inject(FaultType type, String target, int durationSeconds, double intensity) {
        faults.schedule(new FaultSpec(type, target, Duration.ZERO, Duration.ofSeconds(durationSeconds), intensity), now);
    }

    Instant now() {
        return now;
    }
}
