package io.rootscope.workload.sim;

import java.util.List;
import java.util.Map;

/** Expected per-service and per-edge behaviour for one tick, computed by {@link TrafficModel}. */
public record TrafficPlan(double entryRate, Map<String, ServiceLoad> services, List<EdgeLoad> edges) {

    public TrafficPlan {
        services = Map.copyOf(services);
        edges = List.copyOf(edges);
    }

    public ServiceLoad service(String name) {
        ServiceLoad load = services.get(name);
        if (load == null) {
            throw new IllegalArgumentException("no load planned for service " + name);
        }
        return load;
    }

    public EdgeLoad edge(String caller, String callee) {
        return edges.stream()
                .filter(e -> e.call().caller().equals(caller) && e.call().callee().equals(callee))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no call " + caller + " -> " + callee));
    }
}
