package io.rootscope.workload.sim;

import io.rootscope.workload.fault.Fault;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Folds the active faults into per-service conditions; overlapping faults of one type compound. */
public final class FaultEffects {

    private final Map<String, ServiceConditions> byService;

    private FaultEffects(Map<String, ServiceConditions> byService) {
        this.byService = byService;
    }

    public static FaultEffects of(List<Fault> activeFaults) {
        Map<String, ServiceConditions> byService = new HashMap<>();
        for (Fault fault : activeFaults) {
            byService.merge(fault.spec().target(), conditionsOf(fault), FaultEffects::combine);
        }
        return new FaultEffects(Map.copyOf(byService));
    }

    public ServiceConditions on(String service) {
        return byService.getOrDefault(service, ServiceConditions.NORMAL);
    }

    private static ServiceConditions conditionsOf(Fault fault) {
        double x = fault.spec().intensity();
        return switch (fault.spec().type()) {
            case CPU_STRESS -> new ServiceConditions(x, 0, 0, 0, 0, 0, Optional.empty());
            case MEMORY_LEAK -> new ServiceConditions(0, x, 0, 0, 0, 0, Optional.empty());
            case NETWORK_DELAY -> new ServiceConditions(0, 0, x, 0, 0, 0, Optional.empty());
            case PACKET_LOSS -> new ServiceConditions(0, 0, 0, x, 0, 0, Optional.empty());
            case HTTP_ABORT -> new ServiceConditions(0, 0, 0, 0, x, 0, Optional.empty());
            case POD_KILL -> new ServiceConditions(0, 0, 0, 0, 0, 0, Optional.of(fault.id()));
            case JVM_EXCEPTION -> new ServiceConditions(0, 0, 0, 0, 0, x, Optional.empty());
        };
    }

    private static ServiceConditions combine(ServiceConditions a, ServiceConditions b) {
        return new ServiceConditions(
                Math.min(1.0, a.cpuStress() + b.cpuStress()),
                a.leakPerMinute() + b.leakPerMinute(),
                a.egressDelayMs() + b.egressDelayMs(),
                1 - (1 - a.egressLoss()) * (1 - b.egressLoss()),
                1 - (1 - a.abortRate()) * (1 - b.abortRate()),
                1 - (1 - a.throwRate()) * (1 - b.throwRate()),
                a.podKillFaultId().or(b::podKillFaultId));
    }
}
