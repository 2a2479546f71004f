package io.rootscope.backend.incident;

import static io.rootscope.backend.db.schema.Tables.EVENT_ENVELOPE;
import static io.rootscope.backend.db.schema.Tables.INCIDENT_DIAGNOSIS_DUE;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jooq.types.DayToSecond;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a listener on a background thread once the incident is visible to other connections: a detector reports
 * an incident inside its ETL transaction, and the diagnosis (which stores rows referring to the incident) must wait
 * for that commit, and must not hold up the ETL. When the listener leaves the incident's diagnosis due again later (its
 * window not yet stored whole), it runs the listener again then. Every {@code sweepAfter} it also diagnoses the incidents
 * whose diagnosis has been due that long ({@link IncidentStore#noteDiagnosisDue}): those of a replica that died before it
 * diagnosed them (the listener makes each diagnosis once, whichever replica calls it).
 */
public final class DeferredIncidentListener implements IncidentListener, AutoCloseable {

    public static final Duration VISIBILITY_TIMEOUT_DEFAULT = Duration.ofMinutes(2);
    /** A note older than this is given up (its incident could not be diagnosed all that time, e.g. no data). */
    static final Duration DUE_KEPT = Duration.ofHours(1);
    static final int SWEEP_LIMIT = 100;
    private static final Logger LOG = LoggerFactory.getLogger(DeferredIncidentListener.class);

    private final IncidentListener delegate;
    private final DSLContext db;
    private final Duration sweepAfter;
    private final ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
        Thread thread = new Thread(runnable, "incident-diagnosis");
        thread.setDaemon(true);
        return thread;
    });

    /** @param sweepAfter how long a diagnosis may be due before this replica makes it (the replicas' lease) */
    public DeferredIncidentListener(IncidentListener delegate, DSLContext db, Duration sweepAfter) {
        this.delegate = delegate;
        this.db = db;
        this.sweepAfter = sweepAfter;
        // Closing drops the diagnoses due later: their notes stay for the next start's or another replica's sweep.
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /** Sweeps the overdue diagnoses every {@code sweepAfter} until closed. */
    public void start() {
        executor.scheduleWithFixedDelay(this::sweepLogged, sweepAfter.toMillis(), sweepAfter.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void opened(UUID eventId, long tenantId, String frontendUrn, Instant anomalyStart) {
        executor.submit(() -> {
            Instant deadline = Instant.now().plus(VISIBILITY_TIMEOUT_DEFAULT);
            while (!db.fetchExists(EVENT_ENVELOPE, EVENT_ENVELOPE.EVENT_ID.eq(eventId))) {
                if (Instant.now().isAfter(deadline)) {
                    LOG.warn("incident {} never became visible; its transaction was rolled back", eventId);
                    return;
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            diagnoseLogged(eventId, tenantId, frontendUrn, anomalyStart);
        });
    }

    /** Runs the listener, then again when the incident's diagnosis is due again (on this executor). */
    private void diagnose(UUID eventId, long tenantId, String frontendUrn, Instant anomalyStart) {
        delegate.opened(eventId, tenantId, frontendUrn, anomalyStart);
        db.select(INCIDENT_DIAGNOSIS_DUE.DUE_AT).from(INCIDENT_DIAGNOSIS_DUE).where(INCIDENT_DIAGNOSIS_DUE.EVENT_ID.eq(eventId))
                .fetchOptional(INCIDENT_DIAGNOSIS_DUE.DUE_AT)
                .map(due -> Duration.between(Instant.now(), due.toInstant()))
                .filter(wait -> !wait.isNegative())
                .ifPresent(wait -> executor.schedule(() -> diagnoseLogged(eventId, tenantId, frontendUrn, anomalyStart),
                        wait.toMillis(), TimeUnit.MILLISECONDS));
    }

    private void diagnoseLogged(UUID eventId, long tenantId, String frontendUrn, Instant anomalyStart) {
        try {
            diagnose(eventId, tenantId, frontendUrn, anomalyStart);
        } catch (RuntimeException e) {
            // The note stays: the sweep diagnoses it after the lease.
            LOG.warn("diagnosing incident {} failed: {}", eventId, e.getMessage());
        }
    }

    /**
     * Diagnoses, on the caller's thread, up to {@link #SWEEP_LIMIT} incidents whose diagnosis has been due for
     * {@code sweepAfter}, oldest first, and gives up those due for longer than {@link #DUE_KEPT}; returns how many it tried.
     */
    public int sweep() {
        int given = db.deleteFrom(INCIDENT_DIAGNOSIS_DUE)
                .where(INCIDENT_DIAGNOSIS_DUE.DUE_AT.lt(ago(DUE_KEPT))).execute();
        if (given > 0) {
            LOG.warn("{} incidents could not be diagnosed within {} and are left undiagnosed", given, DUE_KEPT);
        }
        var due = db.select(INCIDENT_DIAGNOSIS_DUE.EVENT_ID, INCIDENT_DIAGNOSIS_DUE.TENANT_ID, INCIDENT_DIAGNOSIS_DUE.FRONTEND_URN,
                        INCIDENT_DIAGNOSIS_DUE.ANOMALY_START).from(INCIDENT_DIAGNOSIS_DUE)
                .where(INCIDENT_DIAGNOSIS_DUE.DUE_AT.le(ago(sweepAfter)))
                .orderBy(INCIDENT_DIAGNOSIS_DUE.DUE_AT).limit(SWEEP_LIMIT).fetch();
        due.forEach(r -> diagnose(r.value1(), r.value2(), r.value3(), r.value4().toInstant()));
        return due.size();
    }

    /** The database's now minus {@code age}: notes are stamped by its clock. */
    private static Field<OffsetDateTime> ago(Duration age) {
        return DSL.currentOffsetDateTime().minus(DayToSecond.valueOf(age));
    }

    private void sweepLogged() {
        try {
            sweep();
        } catch (RuntimeException e) {
            // The next sweep retries; a database outage must not end the sweeps.
            LOG.warn("sweeping the overdue incident diagnoses failed: {}", e.getMessage());
        }
    }

    @Override
    public void close() throws InterruptedException {
        executor.shutdown();
        executor.awaitTermination(30, TimeUnit.SECONDS);
    }
}
