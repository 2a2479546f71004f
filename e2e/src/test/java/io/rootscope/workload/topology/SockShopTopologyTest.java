package io.rootscope.workload.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SockShopTopologyTest {

    private final Topology topology = SockShopTopology.create();

    @Test
    void hasTheSockShopServices() {
        Set<String> names = topology.services().stream().map(Service::name).collect(Collectors.toSet());
        assertEquals(Set.of("front-end", "carts", "carts-db", "catalogue", "catalogue-db", "orders", "orders-db",
                "payment", "shipping", "user", "user-db", "queue-master", "rabbitmq", "session-db"), names);
        assertEquals("sock-shop", topology.namespace());
        assertEquals("front-end", topology.entryService());
    }

    @Test
    void callGraphIsTheSockShopCallGraph() {
        Set<String> edges = topology.calls().stream().map(c -> c.caller() + "->" + c.callee())
                .collect(Collectors.toSet());
        assertEquals(Set.of(
                "front-end->session-db", "front-end->catalogue", "front-end->carts", "front-end->user",
                "front-end->orders", "catalogue->catalogue-db", "carts->carts-db", "user->user-db",
                "orders->user", "orders->carts", "orders->payment", "orders->shipping", "orders->orders-db",
                "shipping->rabbitmq", "queue-master->rabbitmq"), edges);
        assertEquals(List.of(new Consumption("queue-master", "rabbitmq")), topology.consumptions());
    }

    @Test
    void loadOrderPutsEveryServiceAfterWhatDrivesIt() {
        List<String> order = topology.loadOrder().stream().map(Service::name).toList();
        assertEquals(topology.services().size(), order.size());
        for (Call call : topology.calls()) {
            assertTrue(order.indexOf(call.caller()) < order.indexOf(call.callee()), call.toString());
        }
        assertTrue(order.indexOf("shipping") < order.indexOf("queue-master"));
    }

    @Test
    void everyPodIsPlacedOnOneOfThreeNodes() {
        assertEquals(3, topology.hosts().size());
        for (Service service : topology.services()) {
            assertTrue(topology.hosts().contains(topology.hostOf(service.name())));
        }
        assertEquals("carts.sock-shop.svc.cluster.local", topology.service("carts").fqdn("sock-shop"));
    }

    @Test
    void rejectsCallsToUnknownServices() {
        Service a = topology.service("payment");
        assertThrows(IllegalArgumentException.class, () -> new Topology("ns", "payment", List.of(a),
                List.of(new Call("payment", "ghost", 1)), List.of(), topology.hosts(), Map.of("payment", "node-1")));
    }

    @Test
    void rejectsCycles() {
        Service a = topology.service("payment");
        Service b = topology.service("shipping");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Topology("ns", "payment",
                List.of(a, b), List.of(new Call("payment", "shipping", 1), new Call("shipping", "payment", 1)),
                List.of(), topology.hosts(), Map.of("payment", "node-1", "shipping", "node-1")));
        assertTrue(e.getMessage().contains("cycle"), e.getMessage());
    }

    @Test
    void rejectsUnplacedServices() {
        Service a = topology.service("payment");
        assertThrows(IllegalArgumentException.class,
                () -> new Topology("ns", "payment", List.of(a), List.of(), List.of(), topology.hosts(), Map.of()));
    }
}
