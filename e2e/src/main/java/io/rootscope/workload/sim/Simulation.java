package io.rootscope.workload.sim;

import io.rootscope.workload.fault.Fault;
import io.rootscope.workload.fault.FaultRegistry;
import io.rootscope.workload.topology.Host;
import io.rootscope.workload.topology.Service;
import io.rootscope.workload.topology.Topology;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

/**
 * Discrete-time simulation of a microservice system under faults. Each {@link #step} advances the faults, plans
 * the tick's traffic, draws its requests and accounts containers, nodes and probes; the caller supplies the
 * time, so tests step a manual clock and never sleep. All randomness comes from the injected {@link Random}.
 * Thread-safe: steps are serialised, snapshots are immutable.
 */
public final class Simulation {

    /** Steps longer than this (e.g. after the process was suspended) are shortened to it. */
    public static final Duration MAX_STEP = Duration.ofSeconds(60);

    private final Topology topology;
    private final FaultRegistry faults;
    private final Duration firstStep;
    private final LoadModel load;
    private final TrafficModel traffic;
    private final RequestSampler sampler;
    private final Prober prober;
    private final Map<String, Pod> pods = new LinkedHashMap<>();
    private final Map<String, HostCounters> hosts = new LinkedHashMap<>();
    private final IstioCounters istio = new IstioCounters();
    private Instant lastStep;
    private volatile SimulationSnapshot snapshot;

    /**
     * @param firstStep length attributed to the first step, which has no predecessor (normally the tick length)
     */
    public Simulation(Topology topology, FaultRegistry faults, LoadModel load, Random random, Duration firstStep) {
        this.topology = Objects.requireNonNull(topology, "topology");
        this.faults = Objects.requireNonNull(faults, "faults");
        this.load = Objects.requireNonNull(load, "load");
        if (firstStep.isZero() || firstStep.isNegative()) {
            throw new IllegalArgumentException("firstStep must be positive, got " + firstStep);
        }
        this.firstStep = firstStep;
        this.traffic = new TrafficModel(topology, random);
        this.sampler = new RequestSampler(random);
        this.prober = new Prober(random);
        List<Host> hostList = topology.hosts();
        for (Service service : topology.services()) {
            Host host = topology.hostOf(service.name());
            pods.put(service.name(), new Pod(service, host.name(), hostList.indexOf(host) + 1, random));
        }
        hostList.forEach(host -> hosts.put(host.name(), new HostCounters(host, random)));
    }

    public Topology topology() {
        return topology;
    }

    public FaultRegistry faults() {
        return faults;
    }

    /** Advances the simulation to {@code now}; a time not after the previous step accounts nothing new. */
    public synchronized Tick step(Instant now) {
        double seconds = lastStep == null ? seconds(firstStep)
                : Math.max(0, Math.min(seconds(MAX_STEP), seconds(Duration.between(lastStep, now))));
        lastStep = lastStep == null || now.isAfter(lastStep) ? now : lastStep;

        List<Fault> active = faults.advance(now);
        FaultEffects effects = FaultEffects.of(active);
        Map<String, PodHealth> health = new HashMap<>();
        pods.forEach((name, pod) -> {
            pod.applyKill(effects.on(name));
            health.put(name, pod.health());
        });
        TrafficPlan plan = traffic.plan(load.rate(now), effects, health);
        NetworkTally network = new NetworkTally();
        sampler.sample(plan, topology.entryService(), seconds, istio, network);

        Map<String, PodSample> podSamples = new LinkedHashMap<>();
        pods.forEach((name, pod) -> {
            pod.advance(seconds, effects.on(name), plan.service(name));
            podSamples.put(name, pod.sample());
        });
        advanceHosts(seconds, plan, podSamples, network);
        List<ProbeSample> probes = new ArrayList<>();
        for (Service service : topology.services()) {
            probes.add(prober.probe(service.fqdn(topology.namespace()), podSamples.get(service.name()),
                    plan.service(service.name()), effects.on(service.name())));
        }
        snapshot = new SimulationSnapshot(now, istio.snapshot(), List.copyOf(podSamples.values()),
                hosts.values().stream().map(HostCounters::sample).toList(), probes);
        return new Tick(now, seconds, plan, effects, active, podSamples);
    }

    /** The state after the latest step; empty before the first. */
    public SimulationSnapshot snapshot() {
        SimulationSnapshot current = snapshot;
        return current != null ? current : new SimulationSnapshot(Instant.EPOCH, Map.of(), List.of(), List.of(), List.of());
    }

    private void advanceHosts(double seconds, TrafficPlan plan, Map<String, PodSample> podSamples,
            NetworkTally network) {
        hosts.forEach((hostName, counters) -> {
            List<String> services = topology.services().stream().map(Service::name)
                    .filter(name -> topology.hostOf(name).name().equals(hostName))
                    .toList();
            double cores = services.stream().mapToDouble(name -> plan.service(name).cpuCores()).sum();
            counters.advance(seconds, cores, services.stream().map(podSamples::get).toList(), network);
        });
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }
}
