package io.rootscope.backend.incident;

import static io.rootscope.backend.db.schema.Tables.EVENT_ENVELOPE;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a listener on a background thread once the incident is visible to other connections: a detector reports
 * an incident inside its ETL transaction, and the diagnosis (which stores rows referring to the incident) must wait
 * for that commit, and must not hold up the ETL.
 */
public final class DeferredIncidentListener implements IncidentListener, AutoCloseable {

    public static final Duration VISIBILITY_TIMEOUT_DEFAULT = Duration.ofMinutes(2);
    private static final Logger LOG = LoggerFactory.getLogger(DeferredIncidentListener.class);

    private final IncidentListener delegate;
    private final DSLContext db;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "incident-diagnosis");
        thread.setDaemon(true);
        return thread;
    });

    public DeferredIncidentListener(IncidentListener delegate, DSLContext db) {
        this.delegate = delegate;
        this.db = db;
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
            delegate.opened(eventId, tenantId, frontendUrn, anomalyStart);
        });
    }

    @Override
    public void close() throws InterruptedException {
        executor.shutdown();
        executor.awaitTermination(30, TimeUnit.SECONDS);
    }
}
