package io.rootscope.workload.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rootscope.workload.fault.FaultType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each fault type must leave the signature a real one does on the target and propagate upstream; compared with
 * the minute before the fault in the same run.
 */
class FaultSignatureTest {

    private static final String DST = RequestSeries.DESTINATION;
    private static final String SRC = RequestSeries.SOURCE;
    private static final int WINDOW_SECONDS = 60;

    private final SimulationRun run = new SimulationRun(11);
    private Window before;
    private Window during;

    private void inject(FaultType type, String target, double intensity) {
        SimulationSnapshot start = run.run(30);
        SimulationSnapshot injected = run.run(WINDOW_SECONDS);
        before = new Window(start, injected);
        run.inject(type, target, WINDOW_SECONDS, intensity);
        during = new Window(injected, run.run(WINDOW_SECONDS));
    }

    private static double ratio(double after, double before) {
        return after / before;
    }

    @Test
    void cpuStressSlowsTheTargetMoreThanItsCallers() {
        inject(FaultType.CPU_STRESS, "carts", 0.8);
        assertTrue(during.cpuCores("carts") > 5 * before.cpuCores("carts"), "carts CPU");
        double carts = ratio(during.latencyMs("carts", DST), before.latencyMs("carts", DST));
        double frontEnd = ratio(during.latencyMs("front-end", DST), before.latencyMs("front-end", DST));
        assertTrue(carts > 3, "carts latency x" + carts);
        assertTrue(frontEnd > 1.2 && frontEnd < carts, "front-end latency x" + frontEnd);
        assertEquals(1, ratio(during.latencyMs("catalogue", DST), before.latencyMs("catalogue", DST)), 0.25);
        assertEquals(1, ratio(during.cpuCores("catalogue"), before.cpuCores("catalogue")), 0.4);
    }

    @Test
    void memoryLeakGrowsMemoryUntilTheContainerIsOomKilled() {
        SimulationSnapshot start = run.run(30);
        double baseline = Window.pod(start, "carts").memoryBytes();
        run.inject(FaultType.MEMORY_LEAK, "carts", 300, 0.5);
        List<Double> memory = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            run.step();
            memory.add(Window.pod(run.simulation.snapshot(), "carts").memoryBytes());
        }
        assertTrue(memory.get(39) > memory.get(19) && memory.get(19) > memory.get(0), "grows steadily: " + memory);
        assertTrue(memory.get(39) > 1.4 * baseline, "grew by 40%");
        assertEquals(0, Window.pod(run.simulation.snapshot(), "carts").restarts());
        SimulationSnapshot full = run.run(40);
        PodSample oomKilled = Window.pod(full, "carts");
        assertEquals(1, oomKilled.restarts(), "OOM-killed once the limit is reached");
        assertTrue(oomKilled.memoryBytes() < baseline, "memory released by the restart");
    }

    @Test
    void memoryPressureSlowsRequestsDown() {
        SimulationSnapshot start = run.run(30);
        Window normal = new Window(start, run.run(30));
        run.inject(FaultType.MEMORY_LEAK, "carts", 300, 0.4);
        // After 40 s the heap is above the GC-pressure threshold but not yet full.
        Window pressure = new Window(run.run(40), run.run(15));
        assertTrue(pressure.latencyMs("carts", DST) > 1.1 * normal.latencyMs("carts", DST),
                normal.latencyMs("carts", DST) + " -> " + pressure.latencyMs("carts", DST) + " at memory "
                        + Window.pod(pressure.to(), "carts").memoryBytes());
    }

    @Test
    void networkDelayShowsOnCallsIntoTheTarget() {
        inject(FaultType.NETWORK_DELAY, "payment", 100);
        double client = during.latencyMs("payment", SRC) - before.latencyMs("payment", SRC);
        assertEquals(100, client, 15, "callers see the delay");
        assertEquals(before.latencyMs("payment", DST), during.latencyMs("payment", DST), 1.0,
                "the server-side sidecar does not");
        assertTrue(during.latencyMs("orders", DST) - before.latencyMs("orders", DST) > 60, "orders waits for it");
        assertEquals(1, during.availability("payment", SRC), 0.01);
    }

    @Test
    void packetLossCausesRetransmitsTailLatencyAndSomeErrors() {
        inject(FaultType.PACKET_LOSS, "carts", 0.2);
        assertEquals(0, before.retransmitsPerSecond("node-2"), 1e-9);
        assertTrue(during.retransmitsPerSecond("node-2") > 1, "carts' node retransmits");
        assertTrue(during.latencyMs("carts", SRC) > 3 * before.latencyMs("carts", SRC), "tail latency");
        double availability = during.availability("carts", SRC);
        assertTrue(availability < 0.995 && availability > 0.8, "some errors: " + availability);
    }

    @Test
    void httpAbortFailsTheTargetAndItsCallersButNotItsCpu() {
        inject(FaultType.HTTP_ABORT, "payment", 0.8);
        assertEquals(0.2, during.availability("payment", DST), 0.1);
        assertTrue(during.availability("orders", DST) < 0.4, "orders fails with payment");
        double frontEnd = during.availability("front-end", DST);
        assertTrue(frontEnd < 0.97 && frontEnd > during.availability("orders", DST), "front-end less: " + frontEnd);
        assertTrue(during.cpuCores("payment") <= before.cpuCores("payment") * 1.2, "payment CPU not up");
        assertEquals(1, during.availability("catalogue", DST), 0.01);
    }

    @Test
    void podKillMakesTheTargetUnavailableUntilItsReplacementStarts() {
        SimulationSnapshot start = run.run(30);
        PodSample original = Window.pod(start, "catalogue");
        run.inject(FaultType.POD_KILL, "catalogue", 20, 1);
        SimulationSnapshot down = run.run(10);
        SimulationSnapshot stillDown = run.run(10);
        Window outage = new Window(down, stillDown);
        PodSample replacement = Window.pod(stillDown, "catalogue");
        assertNotEquals(original.pod(), replacement.pod(), "a new pod replaces the killed one");
        assertEquals(0, outage.throughput("catalogue", DST), "no server-side reports");
        assertEquals(0, outage.availability("catalogue", SRC), "callers get 503s");
        assertTrue(outage.availability("front-end", DST) < 0.6, "front-end fails");
        assertEquals(0, replacement.memoryBytes());
        assertEquals(0, replacement.cpuSecondsTotal());
        assertEquals(false, replacement.ready());

        Window recovered = new Window(run.run(5), run.run(30));
        assertTrue(Window.pod(recovered.to(), "catalogue").ready());
        assertTrue(recovered.throughput("catalogue", DST) > 5, "serves again");
        assertTrue(Window.pod(recovered.to(), "catalogue").cpuSecondsTotal() < original.cpuSecondsTotal() + 5,
                "counters restarted with the new container");
    }
}
