package io.rootscope.backend.db.replica;

import static io.rootscope.backend.db.schema.Tables.BACKEND_REPLICA;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This replica's row in {@code backend_replica}, renewed every heartbeat on a thread of its own: while it is younger
 * than the lease, the windows the replica claimed are its own; once older (the process died, hung or lost the
 * database) other replicas take them over, and the fencing of each claim keeps a replica that comes back from
 * committing what it lost. Closing deletes the row, so a replica that stops hands its claims over at once.
 */
public final class ReplicaHeartbeat implements AutoCloseable {

    /** How long the rows of replicas gone for good are kept (for inspection). */
    static final Duration GONE_KEPT = Duration.ofDays(1);
    private static final Logger LOG = LoggerFactory.getLogger(ReplicaHeartbeat.class);

    private final DSLContext db;
    private final ReplicaSettings replica;
    private final Clock clock;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "replica-heartbeat");
        thread.setDaemon(true);
        return thread;
    });

    public ReplicaHeartbeat(DSLContext db, ReplicaSettings replica, Clock clock) {
        this.db = db;
        this.replica = replica;
        this.clock = clock;
    }

    /** Beats now (a failure is thrown: the replica must not claim work it cannot keep), then every heartbeat. */
    public void start() {
        beat();
        db.deleteFrom(BACKEND_REPLICA).where(BACKEND_REPLICA.HEARTBEAT_AT.lt(now().minus(GONE_KEPT))).execute();
        long period = replica.heartbeat().toMillis();
        executor.scheduleWithFixedDelay(this::beatLogged, period, period, TimeUnit.MILLISECONDS);
    }

    /** Renews the row (writes it the first time). */
    public void beat() {
        OffsetDateTime now = now();
        db.insertInto(BACKEND_REPLICA)
                .set(BACKEND_REPLICA.REPLICA_ID, replica.id())
                .set(BACKEND_REPLICA.STARTED_AT, now)
                .set(BACKEND_REPLICA.HEARTBEAT_AT, now)
                .onConflictOnConstraint(BACKEND_REPLICA.getPrimaryKey()).doUpdate()
                .set(BACKEND_REPLICA.HEARTBEAT_AT, now)
                .execute();
    }

    public ReplicaSettings replica() {
        return replica;
    }

    private void beatLogged() {
        try {
            beat();
        } catch (RuntimeException e) {
            // The next beat retries; past the lease other replicas take this one's windows over, and it cannot commit them.
            LOG.warn("replica {}: heartbeat failed, retrying in {}: {}", replica.id(), replica.heartbeat(), e.getMessage());
        }
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    /** Stops beating and deletes the row: the claims still held become free for the other replicas. */
    @Override
    public void close() {
        executor.shutdownNow();
        try {
            db.deleteFrom(BACKEND_REPLICA).where(BACKEND_REPLICA.REPLICA_ID.eq(replica.id())).execute();
        } catch (RuntimeException e) {
            LOG.warn("replica {}: could not remove its row; its claims are free after the lease: {}", replica.id(), e.getMessage());
        }
    }
}
