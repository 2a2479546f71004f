package io.rootscope.workload.sim;

import java.util.Optional;

/**
 * The combined effect of the faults active on one service during a tick.
 *
 * @param cpuStress         fraction of the CPU limit burned by stressors
 * @param leakPerMinute     fraction of the memory limit leaked per minute
 * @param egressDelayMs     delay added to packets leaving the pod
 * @param egressLoss        probability a packet leaving the pod is dropped
 * @param abortRate         fraction of incoming requests answered 500 without being processed
 * @param throwRate         fraction of processed requests in which the code throws: they fail without their calls
 * @param podKillFaultId    the pod-kill fault keeping the pod down, if any
 */
public record ServiceConditions(
        double cpuStress,
        double leakPerMinute,
        double egressDelayMs,
        double egressLoss,
        double abortRate,
        double throwRate,
        Optional<String> podKillFaultId) {

    public static final ServiceConditions NORMAL =
            new ServiceConditions(0, 0, 0, 0, 0, 0, Optional.empty());
}
