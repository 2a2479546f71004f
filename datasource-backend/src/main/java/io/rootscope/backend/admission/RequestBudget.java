package io.rootscope.backend.admission;

import java.util.concurrent.Semaphore;

/**
 * The requests with a body (HTTP bodies, gRPC exports) received at once, and the bytes they hold together, both bounded:
 * a request is admitted or refused at once, never queued, and gives back its slot and its bytes when it ends. One
 * instance is shared by every protocol's entry, so what the requests being ingested hold on the heap stays under one
 * bound whatever mix of protocols clients use. Thread-safe.
 */
public final class RequestBudget {

    private final Semaphore requests;
    private final int maxRequests;
    private final Semaphore bytes;
    private final int maxBytes;

    public RequestBudget(int maxRequests, int maxBytes) {
        this.requests = new Semaphore(maxRequests);
        this.maxRequests = maxRequests;
        this.bytes = new Semaphore(maxBytes);
        this.maxBytes = maxBytes;
    }

    /** Takes a request slot if one is free; the caller gives it back with {@link #leave()}. */
    public boolean tryEnter() {
        return requests.tryAcquire();
    }

    public void leave() {
        requests.release();
    }

    /** Charges {@code count} body bytes if the budget has them left; the caller gives them back with {@link #giveBack}. */
    public boolean tryTake(int count) {
        return bytes.tryAcquire(count);
    }

    public void giveBack(int count) {
        bytes.release(count);
    }

    public int maxRequests() {
        return maxRequests;
    }

    public int maxBytes() {
        return maxBytes;
    }
}
