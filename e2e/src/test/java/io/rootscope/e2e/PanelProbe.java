package io.rootscope.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rootscope.demo.BackendClient;
import io.rootscope.demo.DemoStack;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Asks every replica that is alive an {@code incidents} panel query each second, and the standby whether it is in recovery
 * and how many rows the pushing tenant has there, noting every answer and every failure.
 */
final class PanelProbe {

    static final Duration EVERY = Duration.ofSeconds(1);
    static final String STANDBY = "standby";

    /** One answer (or failure) of a replica, or of the standby. */
    record Answer(String from, Instant at, boolean ok, String failure) {
    }

    private final ReplicaSet replicas;
    private final Standby standby;
    private final long tenantId;
    private final List<Answer> answers = new ArrayList<>();

    PanelProbe(ReplicaSet replicas, Standby standby, long tenantId) {
        this.replicas = replicas;
        this.standby = standby;
        this.tenantId = tenantId;
    }

    /** Asks until {@code running} turns false. */
    Void run(AtomicBoolean running) throws InterruptedException {
        while (running.get()) {
            for (int replica = 0; replica < replicas.size(); replica++) {
                if (replicas.alive(replica)) {
                    ask(replica);
                }
            }
            askStandby();
            Thread.sleep(EVERY.toMillis());
        }
        return null;
    }

    private void ask(int replica) {
        Instant now = Instant.now();
        try {
            new BackendClient(replicas.url(replica), DemoStack.TENANT_DEFAULT)
                    .first("incidents", Map.of("status", "all"), now.minus(Duration.ofHours(1)), now.plus(Duration.ofMinutes(1)));
            note(new Answer(replicas.id(replica), now, true, null));
        } catch (Exception e) {
            // A query to the replica being killed may fail as it dies: the replica's state after the query decides.
            if (replicas.alive(replica)) {
                note(new Answer(replicas.id(replica), now, false, e.toString()));
            }
        }
    }

    private void askStandby() {
        Instant now = Instant.now();
        try {
            boolean recovering = standby.inRecovery();
            standby.rows(tenantId);
            note(new Answer(STANDBY, now, recovering, recovering ? null : "not in recovery: not a standby"));
        } catch (Exception e) {
            note(new Answer(STANDBY, now, false, e.toString()));
        }
    }

    private synchronized void note(Answer answer) {
        answers.add(answer);
    }

    /**
     * Every replica answered before {@code killedAt}, the others and the standby after it too, and none of them ever
     * failed while alive.
     */
    synchronized void assertAnsweredThroughout(Instant killedAt) {
        assertEquals(List.of(), answers.stream().filter(a -> !a.ok()).map(a -> a.from() + " at " + a.at() + ": " + a.failure()).toList(),
                "panel queries that failed");
        List<String> sources = new ArrayList<>();
        for (int replica = 0; replica < replicas.size(); replica++) {
            sources.add(replicas.id(replica));
        }
        sources.add(STANDBY);
        for (String source : sources) {
            long before = answers.stream().filter(a -> a.from().equals(source) && a.at().isBefore(killedAt)).count();
            long after = answers.stream().filter(a -> a.from().equals(source) && !a.at().isBefore(killedAt)).count();
            System.out.println("panel queries answered by " + source + ": " + before + " before the kill, " + after + " after");
            assertTrue(before > 0, source + " answered no panel query before the kill");
            boolean survivor = !source.startsWith("replica-") || replicas.alive(sources.indexOf(source));
            assertTrue(!survivor || after > 0, source + " answered no panel query after the kill");
        }
    }
}
