package io.rootscope.workload.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LoadPropagationTest {

    private static final String DST = RequestSeries.DESTINATION;

    private final SimulationRun run = new SimulationRun(7);
    private final Window window;

    LoadPropagationTest() {
        SimulationSnapshot warm = run.run(30);
        window = new Window(warm, run.run(240));
    }

    @Test
    void externalLoadReachesTheFrontEnd() {
        double frontEnd = window.throughput("front-end", DST);
        assertEquals(25, frontEnd, 7);
    }

    @Test
    void callRatesFollowTheCallGraph() {
        double frontEnd = window.throughput("front-end", DST);
        double orders = window.throughput("orders", DST);
        assertEquals(0.1 * frontEnd, orders, 0.03 * frontEnd);
        assertEquals(orders, window.throughput("payment", DST), 0.25 * orders);
        assertEquals(orders, window.throughput("shipping", DST), 0.25 * orders);
        assertEquals(0.25 * frontEnd + 3 * orders, window.throughput("user", DST), 0.1 * frontEnd);
        assertEquals(1.2 * window.throughput("user", DST), window.throughput("user-db", DST), 0.1 * frontEnd);
        // queue-master fetches every message shipping publishes, so rabbitmq sees both.
        assertEquals(2 * window.throughput("shipping", DST), window.throughput("rabbitmq", DST), 0.3 * orders);
    }

    @Test
    void latencyAccumulatesAlongSynchronousCalls() {
        double payment = window.latencyMs("payment", DST);
        double orders = window.latencyMs("orders", DST);
        double frontEnd = window.latencyMs("front-end", DST);
        assertTrue(orders > payment + window.latencyMs("shipping", DST), "orders waits for its callees");
        assertTrue(frontEnd > window.latencyMs("catalogue", DST), "front-end waits for catalogue");
        assertTrue(window.latencyMs("payment", RequestSeries.SOURCE) > payment, "the client also sees the mesh");
    }

    @Test
    void normalOperationIsHealthyButNoisy() {
        assertTrue(window.availability("front-end", DST) > 0.98);
        SimulationSnapshot a = run.run(10);
        SimulationSnapshot b = run.run(10);
        SimulationSnapshot c = run.run(10);
        double first = new Window(a, b).throughput("front-end", DST);
        double second = new Window(b, c).throughput("front-end", DST);
        assertTrue(first != second, "load must vary");
        assertEquals(0, window.retransmitsPerSecond("node-2"), 1e-9);
    }

    @Test
    void sameSeedGivesTheSameRun() {
        SimulationRun other = new SimulationRun(7);
        other.run(30);
        assertEquals(window.to().requests(), other.run(240).requests());
    }
}
