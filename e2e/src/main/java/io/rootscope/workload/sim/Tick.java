package io.rootscope.workload.sim;

import io.rootscope.workload.fault.Fault;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What happened during one simulation step, for the trace and log generators.
 *
 * @param end     simulation time at the end of the step
 * @param seconds length of the step
 * @param pods    pods by service name, as of the end of the step
 */
public record Tick(
        Instant end,
        double seconds,
        TrafficPlan plan,
        FaultEffects effects,
        List<Fault> activeFaults,
        Map<String, PodSample> pods) {

    public Tick {
        activeFaults = List.copyOf(activeFaults);
        pods = Map.copyOf(pods);
    }
}
