package io.rootscope.e2e;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rootscope.backend.testing.ReleaseArchive;
import io.rootscope.backend.testing.Rows;
import io.rootscope.demo.BackendClient;
import io.rootscope.demo.DemoStack;
import io.rootscope.demo.FaultPlan;
import io.rootscope.demo.Incident;
import io.rootscope.demo.IncidentWatcher;
import io.rootscope.demo.WorkloadClient;
import io.rootscope.workload.fault.FaultType;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14's proof on loopback: the local database (a fresh test database) with a streaming standby made from it by
 * {@code pg_basebackup}, and three backend processes of the release this build packaged, each with its own replica id,
 * their panel reader on the standby; Prometheus scrapes the Sock Shop simulator, whose traces and logs go to the first.
 * OTLP/HTTP protobuf traces and logs and remote write samples of a tenant of their own are pushed to the three in turn
 * while two faults are injected, and the third replica is killed with SIGKILL after the first fault's incident. Then:
 * every acknowledged request is stored exactly once (an unanswered one wholly or not at all), each fault opened its
 * incidents once (no two of one resource and title overlap), each incident has one stored diagnosis, the ETL windows the
 * killed replica held were taken over and finished, no other window ran twice (took several attempts none of which
 * failed) and none is left failing, and the surviving replicas and the standby answered every panel query throughout.
 */
class ReplicasTest {

    static final int REPLICAS = 3;
    static final int VICTIM = 2;
    /** Enough for the detection baseline (30 one-second points) with room; the diagnosis quality is not asserted here. */
    static final Duration WARMUP = Duration.ofSeconds(60);
    static final Duration INCIDENT_LIMIT = Duration.ofMinutes(2);
    static final Duration FAULT_DURATION = Duration.ofMinutes(2);
    static final Duration RECOVERY_LIMIT = Duration.ofSeconds(30);
    /** The lease time of a dead replica's claims, plus an ETL window and a tick, with room for a loaded machine. */
    static final Duration TAKEOVER_LIMIT = Duration.ofSeconds(60);
    /** Each replica diagnoses the incidents it opened one at a time, on a loaded machine for seconds each. */
    static final Duration DIAGNOSIS_LIMIT = Duration.ofMinutes(3);
    /** How long the test waits for the replica to be killed to hold an ETL window (a 10 s window every 2 s tick). */
    static final Duration HOLD_LIMIT = Duration.ofSeconds(30);
    static final Duration STANDBY_CATCH_UP = Duration.ofSeconds(60);
    static final Duration POLL = Duration.ofSeconds(1);
    static final Duration PUSH_EVERY = Duration.ofMillis(200);
    static final int PER_REQUEST = 40;
    static final String TENANT = "proof";
    static final List<FaultType> FAULTS = List.of(FaultType.CPU_STRESS, FaultType.HTTP_ABORT);

    @TempDir
    Path unpacked;

    @Test
    void threeReplicasLoseNothingDoNothingTwiceAndKeepAnsweringWhenOneIsKilled() throws Exception {
        Path release = ReleaseArchive.unpack(ReleaseArchive.built(), unpacked);
        try (ReplicatedStack replicated = ReplicatedStack.start(release, REPLICAS, WARMUP, TENANT, ReplicasTest::log)) {
            DemoStack stack = replicated.stack;
            ReplicaSet replicas = replicated.replicas;
            Standby standby = replicated.standby;
            long tenantId = replicated.tenantId;
            DataSource primary = replicated.database.dataSource();
            long defaultTenant = Long.parseLong(Rows.single(primary,
                    "SELECT tenant_id FROM dim_tenant WHERE code = '" + DemoStack.TENANT_DEFAULT + "'"));
            AcknowledgedPushes pushes = new AcknowledgedPushes(TENANT, PER_REQUEST);
            PanelProbe probe = new PanelProbe(replicas, standby, tenantId);
            FailedWindows failed = new FailedWindows(primary);
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicBoolean sampling = new AtomicBoolean(true);
            ExecutorService background = Executors.newFixedThreadPool(3);
            Future<?> pushing = background.submit(() -> push(replicas, pushes, running));
            Future<?> probing = background.submit(() -> probe.run(running));
            Future<?> failures = background.submit(() -> failed.run(sampling));
            Set<Long> heldAtKill;
            Instant killedAt;
            List<Injection> injections = new ArrayList<>();
            try {
                stack.awaitWarmup(Duration.ofSeconds(10), ReplicasTest::log);
                WorkloadClient workload = stack.workload();
                List<String> targets = new ArrayList<>(workload.services(FaultType.CPU_STRESS));
                targets.remove(workload.entryService());
                injections.add(inject(stack, new BackendClient(replicas.url(1), DemoStack.TENANT_DEFAULT),
                        FaultPlan.of(FAULTS.get(0), targets.get(0), FAULT_DURATION)));
                // Killed while it holds an ETL window, when it holds one within the limit: the window must be taken over.
                heldAtKill = Takeover.awaitHeld(primary, replicas.id(VICTIM), HOLD_LIMIT);
                killedAt = Instant.now();
                replicas.kill(VICTIM);
                log("SIGKILL to " + replicas.id(VICTIM) + " (pid " + replicas.pid(VICTIM) + ") holding " + heldAtKill.size() + " ETL windows");
                List<String> abortable = workload.services(FAULTS.get(1));
                String second = targets.stream().skip(1).filter(abortable::contains).findFirst().orElseThrow();
                injections.add(inject(stack, new BackendClient(replicas.url(0), DemoStack.TENANT_DEFAULT),
                        FaultPlan.of(FAULTS.get(1), second, FAULT_DURATION)));
            } finally {
                running.set(false);
                pushing.get();
                probing.get();
            }
            log(pushes.requests() + " requests pushed, " + pushes.unanswered() + " unanswered; acknowledged rows " + pushes.acknowledged());

            List<String> differences = pushes.check(primary, tenantId);
            List<String> notTakenOver = awaitEmpty(() -> Takeover.unfinished(primary, heldAtKill), killedAt.plus(TAKEOVER_LIMIT));
            List<String> openedTwice = Rows.column(primary, OVERLAPPING_INCIDENTS.formatted(defaultTenant));
            List<String> undiagnosed = awaitDiagnoses(primary, defaultTenant, killedAt);
            List<String> stillFailing = awaitEmpty(() -> FailedWindows.failing(primary), Instant.now().plus(TAKEOVER_LIMIT));
            sampling.set(false);
            failures.get();
            background.shutdown();
            // Several attempts are one run when the others failed, or when the killed replica's attempt was cut short.
            Set<Long> retried = new HashSet<>(failed.seen());
            retried.addAll(heldAtKill);
            List<String> runTwice = Takeover.runTwice(primary, retried);
            log(Rows.single(primary, "SELECT count(*) FROM event_envelope WHERE source = 'rootscope-detector' AND tenant_id = " + defaultTenant)
                    + " incidents, " + Rows.single(primary, "SELECT count(*) FROM rca_run WHERE tenant_id = " + defaultTenant) + " stored diagnoses");
            // Every check, so that one run shows every way it failed.
            assertAll(
                    () -> assertEquals(List.of(), pushes.refusals(), "requests a backend refused"),
                    () -> assertEquals(List.of(), differences, "stored rows that differ from the acknowledged requests"),
                    () -> assertEquals(Set.of(AcknowledgedPushes.Kind.values()), pushes.acknowledged().keySet(), "kinds acknowledged"),
                    () -> assertEquals(List.of(), injections.stream().filter(i -> i.incident().isEmpty()).map(Injection::plan).toList(),
                            "faults without an incident within " + INCIDENT_LIMIT),
                    () -> assertEquals(List.of(), openedTwice, "incidents opened twice"),
                    () -> assertEquals(List.of(), undiagnosed, "incidents without exactly one stored diagnosis"),
                    () -> assertEquals(List.of(), notTakenOver, "ETL windows the killed replica held, not taken over and finished "
                            + TAKEOVER_LIMIT.toSeconds() + " s after its death"),
                    () -> assertEquals(List.of(), runTwice, "ETL windows run twice (no attempt failed, the killed replica did not hold them)"),
                    () -> assertEquals(List.of(), stillFailing, "ETL windows still failing " + TAKEOVER_LIMIT.toSeconds() + " s after the last check"),
                    () -> probe.assertAnsweredThroughout(killedAt),
                    () -> standby.awaitSameRows(primary, tenantId, STANDBY_CATCH_UP));
        }
    }

    /** Incidents of the detector of one resource and title whose times overlap: one anomaly opened twice. */
    static final String OVERLAPPING_INCIDENTS = """
            SELECT a.event_id || ' and ' || b.event_id || ': ' || a.title
              FROM event_envelope a JOIN event_envelope b ON a.tenant_id = b.tenant_id AND a.resource_id = b.resource_id
                   AND a.title = b.title AND a.event_id < b.event_id
                   AND tstzrange(a.started_at, a.ended_at, '[]') && tstzrange(b.started_at, b.ended_at, '[]')
             WHERE a.tenant_id = %d AND a.source = 'rootscope-detector'""";

    /** An injected fault and its first incident, as the surviving replicas answered it. */
    record Injection(FaultPlan plan, Instant injectedAt, Optional<Incident> incident) {
    }

    /** Injects a fault, waits for its incident, cancels it and waits until no incident is open. */
    private static Injection inject(DemoStack stack, BackendClient backend, FaultPlan plan) throws Exception {
        IncidentWatcher watcher = new IncidentWatcher(backend);
        WorkloadClient.InjectedFault fault = stack.workload().inject(plan);
        log("injected " + plan.type() + " on " + plan.target() + ", asking " + backend.url());
        Optional<Incident> incident = watcher.awaitNew(fault.requestedAt(), INCIDENT_LIMIT, POLL, message -> { });
        log(incident.map(i -> "incident on " + i.resource() + ": " + i.title()).orElse("no incident"));
        stack.workload().cancel(fault);
        log(watcher.awaitNoneOpen(RECOVERY_LIMIT, POLL) ? "every incident closed" : "incidents still open");
        return new Injection(plan, fault.requestedAt(), incident);
    }

    /** Pushes rounds to the replicas in turn, skipping a killed one as a load balancer would, until stopped. */
    private static Void push(ReplicaSet replicas, AcknowledgedPushes pushes, AtomicBoolean running) throws InterruptedException {
        for (int round = 0; running.get(); round++) {
            int replica = round % replicas.size();
            if (replicas.alive(replica)) {
                pushes.pushRound(replicas.url(replica));
            }
            Thread.sleep(PUSH_EVERY.toMillis());
        }
        return null;
    }

    /**
     * Incidents of the tenant with other than one stored diagnosis, once their diagnoses had time to finish, each with when
     * it was detected, counted from the kill.
     */
    private static List<String> awaitDiagnoses(DataSource db, long tenantId, Instant killedAt) throws Exception {
        String query = """
                SELECT e.event_id || ' (' || e.title || '): ' || count(r.run_id) || ' diagnoses, detected '
                       || round(extract(epoch FROM e.detected_at - '%s'::timestamptz)) || ' s from the kill'
                  FROM event_envelope e LEFT JOIN rca_run r ON r.event_id = e.event_id
                 WHERE e.tenant_id = %d AND e.source = 'rootscope-detector'
                 GROUP BY e.event_id, e.title, e.detected_at HAVING count(r.run_id) <> 1""".formatted(killedAt, tenantId);
        return awaitEmpty(() -> Rows.column(db, query), Instant.now().plus(DIAGNOSIS_LIMIT));
    }

    /** A query of the database whose rows are what is wrong. */
    @FunctionalInterface
    interface Problems {
        List<String> list() throws Exception;
    }

    /** The problems left at {@code deadline}, or none as soon as there are none. */
    private static List<String> awaitEmpty(Problems problems, Instant deadline) throws Exception {
        List<String> rows = problems.list();
        while (!rows.isEmpty() && Instant.now().isBefore(deadline)) {
            Thread.sleep(POLL.toMillis());
            rows = problems.list();
        }
        return rows;
    }

    static void log(String message) {
        System.out.println("replicas " + Instant.now() + ": " + message);
    }
}
