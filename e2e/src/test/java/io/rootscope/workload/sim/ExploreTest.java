package io.rootscope.workload.sim;

import io.rootscope.workload.fault.FaultType;
import org.junit.jupiter.api.Test;

class ExploreTest {
    @Test
    void explore() {
        for (FaultType type : FaultType.values()) {
            for (String target : new String[] {"payment", "carts", "catalogue"}) {
                SimulationRun run = new SimulationRun(42);
                SimulationSnapshot a = run.run(60);
                SimulationSnapshot b = run.run(60);
                double intensity = type == FaultType.NETWORK_DELAY ? 200 : type == FaultType.MEMORY_LEAK ? 0.5 : type == FaultType.PACKET_LOSS ? 0.2 : 0.8;
                run.inject(type, target, 60, intensity);
                SimulationSnapshot c = run.run(60);
                Window before = new Window(a, b);
                Window during = new Window(b, c);
                System.out.printf("%s on %s%n", type, target);
                for (String s : new String[] {"front-end", "orders", "carts", "catalogue", "payment", "user"}) {
                    System.out.printf("  %-10s thr %6.2f/%6.2f latD %7.2f/%7.2f latS %7.2f/%7.2f avl %.3f/%.3f cpu %.3f/%.3f mem %.0f/%.0f%n", s,
                            before.throughput(s, "destination"), during.throughput(s, "destination"),
                            before.latencyMs(s, "destination"), during.latencyMs(s, "destination"),
                            s.equals("front-end") ? 0 : before.latencyMs(s, "source"), s.equals("front-end") ? 0 : during.latencyMs(s, "source"),
                            before.availability(s, "destination"), during.availability(s, "destination"),
                            before.cpuCores(s), during.cpuCores(s), before.memoryBytes(s) / 1e6, during.memoryBytes(s) / 1e6);
                }
                System.out.printf("  retrans node-2 %.2f/%.2f%n", before.retransmitsPerSecond("node-2"), during.retransmitsPerSecond("node-2"));
            }
        }
    }
}
