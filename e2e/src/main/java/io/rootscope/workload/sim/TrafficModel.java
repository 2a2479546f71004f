package io.rootscope.workload.sim;

import io.rootscope.workload.topology.Call;
import io.rootscope.workload.topology.Consumption;
import io.rootscope.workload.topology.Service;
import io.rootscope.workload.topology.ServiceProfile;
import io.rootscope.workload.topology.Topology;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Mean-field model of the system for one tick. Rates flow down the call graph from the entry service (a
 * request aborted or refused makes no downstream calls); latencies and failures flow up: a service's latency
 * is its own processing time, inflated by CPU queueing ({@code 1/(1-utilisation)}) and GC pressure, plus the
 * client-side latency of its synchronous calls; a call fails when the callee is down, aborts, fails itself, or
 * the network gives up, and any failed call fails the caller's request.
 */
public final class TrafficModel {

    /** Share of requests failing for reasons outside the model (bugs, timeouts). */
    public static final double BACKGROUND_ERROR_PROBABILITY = 0.0005;
    /** Utilisation beyond which queueing delay is no longer modelled as growing. */
    public static final double MAX_UTILISATION = 0.92;
    /** In-cluster round trip plus both sidecars' processing, per call. */
    public static final double MESH_OVERHEAD_MS = 0.8;
    /** Memory fraction above which garbage collection starts to slow requests down. */
    public static final double GC_PRESSURE_THRESHOLD = 0.75;
    /** Extra slowdown, and GC threads' share of the CPU limit, with the heap full. */
    public static final double GC_SLOWDOWN_AT_LIMIT = 3.0;
    public static final double GC_CPU_AT_LIMIT = 0.3;
    /** Cold runtimes (JIT, caches) are this much slower, and burn this fraction of their CPU limit. */
    public static final double WARMUP_SLOWDOWN = 2.0;
    public static final double WARMUP_CPU_FRACTION = 0.5;
    /** Time to answer with an error without processing (abort, connection refused). */
    public static final double FAST_FAILURE_MS = 0.5;

    private final Topology topology;
    private final Map<String, Ar1Noise> latencyJitter = new HashMap<>();
    private final Map<String, Ar1Noise> cpuJitter = new HashMap<>();

    public TrafficModel(Topology topology, Random random) {
        this.topology = topology;
        for (Service service : topology.services()) {
            latencyJitter.put(service.name(), new Ar1Noise(random, 0.95, 0.03));
            cpuJitter.put(service.name(), new Ar1Noise(random, 0.8, 0.05));
        }
    }

    public TrafficPlan plan(double entryRate, FaultEffects effects, Map<String, PodHealth> pods) {
        Rates rates = flowDown(entryRate, effects, pods);
        List<Service> calleesFirst = new ArrayList<>(topology.loadOrder());
        Collections.reverse(calleesFirst);
        Map<String, ServiceLoad> loads = new LinkedHashMap<>();
        Map<Call, EdgeLoad> edges = new HashMap<>();
        for (Service service : calleesFirst) {
            for (Call call : topology.callsFrom(service.name())) {
                edges.put(call, edgeLoad(call, rates.edges.get(call), effects, loads.get(call.callee())));
            }
            loads.put(service.name(), serviceLoad(service, rates, effects.on(service.name()),
                    health(pods, service.name()), edges));
        }
        return new TrafficPlan(entryRate, loads, topology.calls().stream().map(edges::get).toList());
    }

    /** Request rates per service (offered and actually processed) and per call edge. */
    private record Rates(Map<String, Double> offered, Map<String, Double> processed, Map<Call, Double> edges) {
    }

    private Rates flowDown(double entryRate, FaultEffects effects, Map<String, PodHealth> pods) {
        Rates rates = new Rates(new HashMap<>(), new HashMap<>(), new HashMap<>());
        for (Service service : topology.loadOrder()) {
            String name = service.name();
            double offered = offeredRate(name, entryRate, rates.edges);
            double processed = health(pods, name).ready() ? offered * (1 - effects.on(name).abortRate()) : 0;
            rates.offered.put(name, offered);
            rates.processed.put(name, processed);
            // A request whose code throws makes none of its calls.
            double calling = processed * (1 - effects.on(name).throwRate());
            for (Call call : topology.callsFrom(name)) {
                rates.edges.put(call, calling * call.callsPerRequest());
            }
        }
        return rates;
    }

    /** A service's CPU, latency and failure probability, given the already planned edges to its callees. */
    private ServiceLoad serviceLoad(Service service, Rates rates, ServiceConditions conditions, PodHealth pod,
            Map<Call, EdgeLoad> edges) {
        String name = service.name();
        ServiceProfile profile = service.profile();
        double limit = profile.cpuLimitCores();
        double processed = rates.processed.get(name);
        double demandCores = (profile.idleCores() + processed * profile.cpuSecondsPerRequest())
                * Math.exp(cpuJitter.get(name).next());
        double warmupCores = pod.warmingUp() ? WARMUP_CPU_FRACTION * limit : 0;
        double gcPressure = Math.max(0, pod.memoryFraction() - GC_PRESSURE_THRESHOLD) / (1 - GC_PRESSURE_THRESHOLD);
        double wantedCores = demandCores + warmupCores + GC_CPU_AT_LIMIT * gcPressure * limit
                + conditions.cpuStress() * limit;
        double utilisation = Math.min(MAX_UTILISATION, wantedCores / limit);
        double cpuCores = pod.ready() ? Math.min(limit, wantedCores) : 0;

        double ownLatency = profile.ownLatencyMs() * Math.exp(latencyJitter.get(name).next())
                / (1 - utilisation) * (1 + GC_SLOWDOWN_AT_LIMIT * gcPressure)
                * (pod.warmingUp() ? WARMUP_SLOWDOWN : 1);
        double calls = 0;
        double success = 1 - BACKGROUND_ERROR_PROBABILITY;
        for (Call call : topology.callsFrom(name)) {
            EdgeLoad edge = edges.get(call);
            calls += call.callsPerRequest() * edge.meanClientLatencyMs();
            success *= call.allSucceed(edge.failureProbability());
        }
        // A request that throws spends its own time but makes no calls, and fails.
        double throwRate = conditions.throwRate();
        double latency = ownLatency + (1 - throwRate) * calls;
        success = (1 - throwRate) * success;
        return new ServiceLoad(name, rates.offered.get(name), processed, cpuCores, ownLatency, latency, 1 - success,
                conditions.abortRate(), throwRate, pod.ready());
    }

    private double offeredRate(String name, double entryRate, Map<Call, Double> edgeRates) {
        if (name.equals(topology.entryService())) {
            return entryRate;
        }
        // A worker handles what the broker's other callers publish; everyone else what its callers send.
        return topology.consumptionOf(name)
                .map(consumption -> publishedRate(consumption, edgeRates))
                .orElseGet(() -> topology.callsInto(name).stream().mapToDouble(edgeRates::get).sum());
    }

    private double publishedRate(Consumption consumption, Map<Call, Double> edgeRates) {
        return topology.callsInto(consumption.broker()).stream()
                .filter(c -> !c.caller().equals(consumption.worker()))
                .mapToDouble(edgeRates::get)
                .sum();
    }

    private static EdgeLoad edgeLoad(Call call, double rate, FaultEffects effects, ServiceLoad callee) {
        ServiceConditions from = effects.on(call.caller());
        ServiceConditions to = effects.on(call.callee());
        double requestLoss = from.egressLoss();
        double responseLoss = to.egressLoss();
        double delay = from.egressDelayMs() + to.egressDelayMs();
        if (!callee.ready()) {
            return new EdgeLoad(call, rate, requestLoss, responseLoss, delay, FAST_FAILURE_MS, 1.0);
        }
        double retransmitPenalty = Retransmission.expectedPenaltyMs(requestLoss)
                + Retransmission.expectedPenaltyMs(responseLoss);
        double networkFailure = 1 - (1 - Retransmission.failureProbability(requestLoss))
                * (1 - Retransmission.failureProbability(responseLoss));
        double abort = callee.abortRate();
        double serverLatency = abort * FAST_FAILURE_MS + (1 - abort) * callee.meanLatencyMs();
        double clientLatency = serverLatency + MESH_OVERHEAD_MS + delay + retransmitPenalty;
        double failure = 1 - (1 - abort) * (1 - callee.errorProbability()) * (1 - networkFailure);
        return new EdgeLoad(call, rate, requestLoss, responseLoss, delay, clientLatency, failure);
    }

    private static PodHealth health(Map<String, PodHealth> pods, String name) {
        return pods.getOrDefault(name, PodHealth.HEALTHY);
    }
}
