package io.rootscope.backend.rca;

import io.rootscope.backend.refusal.BusyException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * At most {@link DiagnosisSettings#maxConcurrent} on-demand diagnoses at once. A request waits briefly for a slot,
 * then is refused with {@link BusyException} before it reads or writes anything: under a burst of panel refreshes the
 * backend answers "busy, retry" instead of queueing them onto the connection pool until its wait runs out.
 */
public final class DiagnosisPermits {

    /** Seconds a refused client is told to wait: about a few diagnoses' time, so the queue can drain. */
    public static final int RETRY_AFTER_SECONDS = 2;

    private final Semaphore slots;
    private final DiagnosisSettings settings;

    public DiagnosisPermits(DiagnosisSettings settings) {
        this.settings = settings;
        this.slots = new Semaphore(settings.maxConcurrent(), true);
    }

    /** Runs {@code diagnosis} in a slot. @throws BusyException when no slot frees within the queue wait */
    public <T> T run(Supplier<T> diagnosis) {
        boolean acquired;
        try {
            acquired = slots.tryAcquire(settings.queueWait().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            acquired = false;
        }
        if (!acquired) {
            throw new BusyException("backend busy: " + settings.maxConcurrent() + " diagnoses are running (ROOTSCOPE_RCA_MAX_CONCURRENT) and "
                    + "none finished within " + settings.queueWait().toMillis() + " ms; retry shortly", RETRY_AFTER_SECONDS);
        }
        try {
            return diagnosis.get();
        } finally {
            slots.release();
        }
    }
}
