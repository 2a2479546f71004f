package io.rootscope.workload.sim;

import io.rootscope.workload.topology.Service;
import io.rootscope.workload.topology.ServiceProfile;
import java.util.Optional;
import java.util.Random;

/**
 * The single pod of a service and its container's lifecycle. A pod kill replaces the pod (new name, counters
 * from zero) and keeps the replacement unready while the fault lasts; reaching the memory limit OOM-kills the
 * container, which restarts in place after a back-off. Either way the restarted runtime then warms up.
 */
final class Pod {

    /** CrashLoopBackOff's first delay. */
    static final double OOM_RESTART_BACKOFF_SECONDS = 10;
    static final double WARMUP_SECONDS = 15;
    /** Share of its warmed-up memory a freshly started runtime holds (caches and heap not yet filled). */
    static final double COLD_MEMORY_SHARE = 0.6;
    /** Peak-to-trough height of the garbage-collection sawtooth, as a fraction of baseline memory. */
    static final double GC_SAWTOOTH = 0.08;
    /** Requests after which a runtime's young generation fills and is collected. */
    static final double REQUESTS_PER_GC_CYCLE = 400;
    /** Bytes of access log written per processed request. */
    static final double LOG_BYTES_PER_REQUEST = 160;

    private static final String NAME_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

    private final Service service;
    private final String host;
    private final int hostIndex;
    private final Random random;
    private final String replicaSetHash;

    private String name;
    private String ip;
    private int restarts;
    private double cpuSeconds;
    private double fsReadBytes;
    private double fsWriteBytes;
    private double leakedBytes;
    private double gcCycle;
    private double memoryBytes;
    private Optional<String> killedBy = Optional.empty();
    private boolean killed;
    private double backoffRemaining;
    private double warmupRemaining;

    Pod(Service service, String host, int hostIndex, Random random) {
        this.service = service;
        this.host = host;
        this.hostIndex = hostIndex;
        this.random = random;
        this.replicaSetHash = randomName(10);
        this.gcCycle = random.nextDouble();
        replace();
        this.memoryBytes = baselineMemory();
    }

    /** Applies the start or end of a pod kill; call before {@link #health()} each tick. */
    void applyKill(ServiceConditions conditions) {
        if (conditions.podKillFaultId().isPresent() && !conditions.podKillFaultId().equals(killedBy)) {
            killedBy = conditions.podKillFaultId();
            killed = true;
            replace();
        } else if (conditions.podKillFaultId().isEmpty() && killed) {
            killed = false;
            warmupRemaining = WARMUP_SECONDS;
        }
    }

    PodHealth health() {
        boolean ready = !killed && backoffRemaining <= 0;
        return new PodHealth(ready, memoryBytes / service.profile().memoryLimitBytes(), ready && warmupRemaining > 0);
    }

    /** Accounts one tick of {@code seconds} during which the service behaved as {@code load} says. */
    void advance(double seconds, ServiceConditions conditions, ServiceLoad load) {
        ServiceProfile profile = service.profile();
        if (killed) {
            memoryBytes = 0;
            return;
        }
        if (backoffRemaining > 0) {
            backoffRemaining -= seconds;
            if (backoffRemaining <= 0) {
                warmupRemaining = WARMUP_SECONDS;
            }
            memoryBytes = 0;
            return;
        }
        double processed = load.processedRate() * seconds;
        cpuSeconds += load.cpuCores() * seconds;
        fsReadBytes += processed * profile.fsReadBytesPerRequest() * (0.8 + 0.4 * random.nextDouble());
        fsWriteBytes += processed * (profile.fsWriteBytesPerRequest() + LOG_BYTES_PER_REQUEST)
                * (0.8 + 0.4 * random.nextDouble());
        leakedBytes += conditions.leakPerMinute() * profile.memoryLimitBytes() * seconds / 60;
        gcCycle = (gcCycle + processed / REQUESTS_PER_GC_CYCLE) % 1.0;
        double warmedUp = 1 - (1 - COLD_MEMORY_SHARE) * Math.max(0, warmupRemaining) / WARMUP_SECONDS;
        memoryBytes = baselineMemory() * warmedUp * (1 + GC_SAWTOOTH * (gcCycle - 0.5) + 0.005 * random.nextGaussian())
                + leakedBytes;
        warmupRemaining -= seconds;
        if (memoryBytes >= profile.memoryLimitBytes()) {
            oomKill();
        }
    }

    PodSample sample() {
        return new PodSample(service.name(), name, host, ip, cpuSeconds, memoryBytes, fsReadBytes, fsWriteBytes,
                restarts, health().ready());
    }

    private void oomKill() {
        restarts++;
        resetContainer();
        backoffRemaining = OOM_RESTART_BACKOFF_SECONDS;
    }

    /** A new pod from the same ReplicaSet: fresh name, address and container. */
    private void replace() {
        name = service.name() + "-" + replicaSetHash + "-" + randomName(5);
        ip = "10.244." + hostIndex + "." + (2 + random.nextInt(250));
        restarts = 0;
        backoffRemaining = 0;
        warmupRemaining = 0;
        resetContainer();
    }

    private void resetContainer() {
        cpuSeconds = 0;
        fsReadBytes = 0;
        fsWriteBytes = 0;
        leakedBytes = 0;
        memoryBytes = 0;
    }

    private double baselineMemory() {
        return service.profile().memoryBaselineBytes();
    }

    private String randomName(int length) {
        StringBuilder name = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            name.append(NAME_ALPHABET.charAt(random.nextInt(NAME_ALPHABET.length())));
        }
        return name.toString();
    }
}
