package io.rootscope.workload.topology;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A microservice system: services, the synchronous call graph, broker consumptions and the placement of
 * each service's single pod on a host. Validated on construction; immutable.
 *
 * @param namespace    Kubernetes namespace of every workload
 * @param entryService the service receiving external (user) traffic
 * @param placement    service name to host name
 */
public record Topology(
        String namespace,
        String entryService,
        List<Service> services,
        List<Call> calls,
        List<Consumption> consumptions,
        List<Host> hosts,
        Map<String, String> placement) {

    public Topology {
        services = List.copyOf(services);
        calls = List.copyOf(calls);
        consumptions = List.copyOf(consumptions);
        hosts = List.copyOf(hosts);
        placement = Map.copyOf(placement);
        Map<String, Service> byName = new LinkedHashMap<>();
        for (Service service : services) {
            if (byName.put(service.name(), service) != null) {
                throw new IllegalArgumentException("duplicate service " + service.name());
            }
        }
        requireService(byName, entryService, "entryService");
        for (Call call : calls) {
            requireService(byName, call.caller(), "call caller");
            requireService(byName, call.callee(), "call callee");
        }
        for (Consumption consumption : consumptions) {
            requireService(byName, consumption.worker(), "consumption worker");
            requireService(byName, consumption.broker(), "consumption broker");
            boolean workerCallsBroker = calls.stream().anyMatch(
                    c -> c.caller().equals(consumption.worker()) && c.callee().equals(consumption.broker()));
            if (!workerCallsBroker) {
                throw new IllegalArgumentException(
                        "worker " + consumption.worker() + " must call its broker " + consumption.broker());
            }
        }
        List<String> hostNames = hosts.stream().map(Host::name).toList();
        for (Service service : services) {
            String host = placement.get(service.name());
            if (host == null || !hostNames.contains(host)) {
                throw new IllegalArgumentException("service " + service.name() + " is not placed on a known host");
            }
        }
        loadOrder(services, calls, consumptions);
    }

    private static void requireService(Map<String, Service> byName, String name, String role) {
        if (!byName.containsKey(name)) {
            throw new IllegalArgumentException(role + " names unknown service " + name);
        }
    }

    public Optional<Service> find(String name) {
        return services.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    public Service service(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("unknown service " + name));
    }

    public Host hostOf(String serviceName) {
        String hostName = placement.get(serviceName);
        if (hostName == null) {
            throw new IllegalArgumentException("unknown service " + serviceName);
        }
        return hosts.stream().filter(h -> h.name().equals(hostName)).findFirst().orElseThrow();
    }

    public List<Call> callsFrom(String caller) {
        return calls.stream().filter(c -> c.caller().equals(caller)).toList();
    }

    public List<Call> callsInto(String callee) {
        return calls.stream().filter(c -> c.callee().equals(callee)).toList();
    }

    public Optional<Consumption> consumptionOf(String worker) {
        return consumptions.stream().filter(c -> c.worker().equals(worker)).findFirst();
    }

    /** Services ordered so that every service comes after everything that drives its load. */
    public List<Service> loadOrder() {
        return loadOrder(services, calls, consumptions);
    }

    private static List<Service> loadOrder(List<Service> services, List<Call> calls, List<Consumption> consumptions) {
        Map<String, List<String>> drivenBy = new LinkedHashMap<>();
        services.forEach(s -> drivenBy.put(s.name(), new ArrayList<>()));
        calls.forEach(c -> drivenBy.get(c.callee()).add(c.caller()));
        for (Consumption consumption : consumptions) {
            calls.stream()
                    .filter(c -> c.callee().equals(consumption.broker()) && !c.caller().equals(consumption.worker()))
                    .forEach(c -> drivenBy.get(consumption.worker()).add(c.caller()));
        }
        List<Service> ordered = new ArrayList<>();
        Deque<Service> pending = new ArrayDeque<>(services);
        int sinceProgress = 0;
        while (!pending.isEmpty()) {
            Service next = pending.removeFirst();
            boolean ready = drivenBy.get(next.name()).stream()
                    .allMatch(d -> ordered.stream().anyMatch(o -> o.name().equals(d)));
            if (ready) {
                ordered.add(next);
                sinceProgress = 0;
            } else {
                pending.addLast(next);
                if (++sinceProgress > pending.size()) {
                    throw new IllegalArgumentException("call graph has a cycle through " + pending);
                }
            }
        }
        return ordered;
    }
}
