package io.rootscope.workload.topology;

import java.util.List;
import java.util.Map;

/**
 * The Weaveworks Sock Shop as deployed by its {@code complete-demo.yaml} in namespace {@code sock-shop}:
 * the front-end calls the business services and the session store; orders orchestrates user, carts, payment
 * and shipping; shipping publishes to RabbitMQ, which queue-master consumes; each stateful service owns its
 * database. Three worker nodes host one pod per service.
 */
public final class SockShopTopology {

    public static final String NAMESPACE = "sock-shop";
    public static final String FRONT_END = "front-end";

    private static final long MIB = 1024L * 1024L;

    private SockShopTopology() {
    }

    public static Topology create() {
        List<Service> services = List.of(
                service("front-end", ServiceKind.APPLICATION, "nodejs", 6, 0.004, 0.01, 1.0, 90, 300, 0, 600),
                service("catalogue", ServiceKind.APPLICATION, "go", 3, 0.0015, 0.002, 0.5, 12, 100, 0, 150),
                service("catalogue-db", ServiceKind.DATABASE, "mysql", 1.5, 0.001, 0.01, 1.0, 200, 1024, 8192, 256),
                service("carts", ServiceKind.APPLICATION, "java", 8, 0.006, 0.02, 1.0, 280, 600, 0, 400),
                service("carts-db", ServiceKind.DATABASE, "mongodb", 1.5, 0.0015, 0.01, 1.0, 120, 1024, 4096, 2048),
                service("user", ServiceKind.APPLICATION, "go", 3, 0.0015, 0.002, 0.5, 12, 100, 0, 150),
                service("user-db", ServiceKind.DATABASE, "mongodb", 1.5, 0.001, 0.01, 1.0, 120, 1024, 4096, 512),
                service("orders", ServiceKind.APPLICATION, "java", 12, 0.01, 0.02, 1.0, 300, 600, 0, 600),
                service("orders-db", ServiceKind.DATABASE, "mongodb", 2, 0.002, 0.01, 1.0, 120, 1024, 2048, 6144),
                service("payment", ServiceKind.APPLICATION, "go", 2, 0.001, 0.002, 0.5, 10, 100, 0, 150),
                service("shipping", ServiceKind.APPLICATION, "java", 5, 0.004, 0.02, 1.0, 260, 600, 0, 400),
                service("rabbitmq", ServiceKind.BROKER, "erlang", 1, 0.001, 0.02, 1.0, 110, 512, 512, 1024),
                service("queue-master", ServiceKind.WORKER, "java", 4, 0.003, 0.02, 1.0, 250, 600, 0, 300),
                service("session-db", ServiceKind.DATABASE, "redis", 0.3, 0.0002, 0.003, 0.5, 8, 256, 0, 64));
        List<Call> calls = List.of(
                new Call("front-end", "session-db", 1.0),
                new Call("front-end", "catalogue", 0.6),
                new Call("front-end", "carts", 0.35),
                new Call("front-end", "user", 0.25),
                new Call("front-end", "orders", 0.1),
                new Call("catalogue", "catalogue-db", 1.0),
                new Call("carts", "carts-db", 1.5),
                new Call("user", "user-db", 1.2),
                // orders fetches the customer, address and card from user, then the cart items.
                new Call("orders", "user", 3.0),
                new Call("orders", "carts", 1.0),
                new Call("orders", "payment", 1.0),
                new Call("orders", "shipping", 1.0),
                new Call("orders", "orders-db", 1.0),
                new Call("shipping", "rabbitmq", 1.0),
                new Call("queue-master", "rabbitmq", 1.0));
        List<Consumption> consumptions = List.of(new Consumption("queue-master", "rabbitmq"));
        List<Host> hosts = List.of(
                new Host("node-1", 4, 16L * 1024 * MIB),
                new Host("node-2", 4, 16L * 1024 * MIB),
                new Host("node-3", 4, 16L * 1024 * MIB));
        Map<String, String> placement = Map.ofEntries(
                Map.entry("front-end", "node-1"),
                Map.entry("session-db", "node-1"),
                Map.entry("catalogue", "node-1"),
                Map.entry("catalogue-db", "node-1"),
                Map.entry("user", "node-1"),
                Map.entry("carts", "node-2"),
                Map.entry("carts-db", "node-2"),
                Map.entry("user-db", "node-2"),
                Map.entry("payment", "node-2"),
                Map.entry("orders", "node-3"),
                Map.entry("orders-db", "node-3"),
                Map.entry("shipping", "node-3"),
                Map.entry("rabbitmq", "node-3"),
                Map.entry("queue-master", "node-3"));
        return new Topology(NAMESPACE, FRONT_END, services, calls, consumptions, hosts, placement);
    }

    private static Service service(String name, ServiceKind kind, String runtime, double ownLatencyMs,
            double cpuSecondsPerRequest, double idleCores, double cpuLimitCores, long memoryBaselineMib,
            long memoryLimitMib, double fsReadBytesPerRequest, double fsWriteBytesPerRequest) {
        return new Service(name, kind, runtime, new ServiceProfile(ownLatencyMs, cpuSecondsPerRequest, idleCores,
                cpuLimitCores, memoryBaselineMib * MIB, memoryLimitMib * MIB, fsReadBytesPerRequest,
                fsWriteBytesPerRequest));
    }
}
