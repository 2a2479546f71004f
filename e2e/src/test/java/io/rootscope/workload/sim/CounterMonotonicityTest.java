package io.rootscope.workload.sim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rootscope.workload.fault.FaultType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Counters never decrease within a series, through every kind of fault; a pod kill starts new series (a new pod)
 * and an OOM kill restarts the container, which cAdvisor shows as a reset, flagged by the restart counter.
 */
class CounterMonotonicityTest {

    @Test
    void countersOnlyGrow() {
        SimulationRun run = new SimulationRun(3);
        run.inject(FaultType.CPU_STRESS, "orders", 40, 0.9);
        run.inject(FaultType.PACKET_LOSS, "user", 40, 0.3);
        run.inject(FaultType.HTTP_ABORT, "carts", 40, 0.5);
        run.inject(FaultType.NETWORK_DELAY, "catalogue", 40, 300);
        run.inject(FaultType.POD_KILL, "payment", 20, 1);
        run.inject(FaultType.MEMORY_LEAK, "shipping", 150, 1.0);
        Map<String, Double> last = new HashMap<>();
        Map<String, Integer> restarts = new HashMap<>();
        for (int i = 0; i < 150; i++) {
            run.step();
            SimulationSnapshot snapshot = run.simulation.snapshot();
            snapshot.requests().forEach((series, histogram) -> {
                check(last, series + " count", histogram.count());
                check(last, series + " sum", histogram.sumMs());
                List<Long> buckets = histogram.cumulativeCounts();
                for (int b = 1; b < buckets.size(); b++) {
                    assertTrue(buckets.get(b) >= buckets.get(b - 1), "buckets cumulative");
                }
                assertTrue(buckets.get(buckets.size() - 1) <= histogram.count(), "+Inf holds all");
            });
            for (PodSample pod : snapshot.pods()) {
                Integer before = restarts.put(pod.pod(), pod.restarts());
                String key = pod.pod() + "#" + pod.restarts();
                if (before != null && before != pod.restarts()) {
                    assertTrue(pod.restarts() > before, "restarts count up");
                }
                check(last, key + " cpu", pod.cpuSecondsTotal());
                check(last, key + " fs reads", pod.fsReadBytesTotal());
                check(last, key + " fs writes", pod.fsWriteBytesTotal());
            }
            for (HostSample host : snapshot.hosts()) {
                for (int cpu = 0; cpu < host.cpuSecondsByMode().size(); cpu++) {
                    int n = cpu;
                    host.cpuSecondsByMode().get(cpu)
                            .forEach((mode, seconds) -> check(last, host.host() + n + mode, seconds));
                }
                check(last, host.host() + " rx", host.networkReceiveBytesTotal());
                check(last, host.host() + " tx", host.networkTransmitBytesTotal());
                check(last, host.host() + " out", host.tcpOutSegsTotal());
                check(last, host.host() + " retrans", host.tcpRetransSegsTotal());
            }
        }
        assertTrue(restarts.entrySet().stream().anyMatch(e -> e.getKey().startsWith("shipping") && e.getValue() > 0),
                "the memory leak OOM-killed shipping at least once");
    }

    private static void check(Map<String, Double> last, String series, double value) {
        Double previous = last.put(series, value);
        assertTrue(previous == null || value >= previous, series + " went from " + previous + " to " + value);
    }
}
