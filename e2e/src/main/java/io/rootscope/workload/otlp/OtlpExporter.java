package io.rootscope.workload.otlp;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Posts OTLP/JSON batches to an OTLP/HTTP receiver ({@code /v1/traces}, {@code /v1/logs}). Batches are queued
 * and sent by {@link #sendPending()}; a failed batch stays queued and is retried on the next call, up to
 * {@link #MAX_ATTEMPTS_DEFAULT} attempts, and the oldest batches are dropped when the queue is full. Failures
 * are counted, never thrown: the receiver being down must not stop the simulation.
 */
public final class OtlpExporter {

    public static final String TRACES_PATH = "/v1/traces";
    public static final String LOGS_PATH = "/v1/logs";
    public static final int MAX_QUEUED_DEFAULT = 600;
    public static final int MAX_ATTEMPTS_DEFAULT = 5;
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final URI endpoint;
    private final HttpClient client;
    private final int maxQueued;
    private final int maxAttempts;
    private final Deque<Batch> queue = new ArrayDeque<>();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failedAttempts = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();

    private static final class Batch {
        final String path;
        final String json;
        int attempts;

        Batch(String path, String json) {
            this.path = path;
            this.json = json;
        }
    }

    public OtlpExporter(URI endpoint, HttpClient client) {
        this(endpoint, client, MAX_QUEUED_DEFAULT, MAX_ATTEMPTS_DEFAULT);
    }

    /** @param endpoint base URI of the receiver, e.g. {@code http://127.0.0.1:4318} */
    public OtlpExporter(URI endpoint, HttpClient client, int maxQueued, int maxAttempts) {
        if (endpoint.getScheme() == null || !endpoint.getScheme().startsWith("http") || endpoint.getHost() == null) {
            throw new IllegalArgumentException("OTLP endpoint must be an http(s) URL, got " + endpoint);
        }
        if (maxQueued < 1 || maxAttempts < 1) {
            throw new IllegalArgumentException("maxQueued and maxAttempts must be >= 1");
        }
        String base = endpoint.toString();
        this.endpoint = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
        this.client = client;
        this.maxQueued = maxQueued;
        this.maxAttempts = maxAttempts;
    }

    /** Queues one OTLP/JSON body for {@code path} ({@link #TRACES_PATH} or {@link #LOGS_PATH}). */
    public synchronized void submit(String path, String json) {
        if (queue.size() == maxQueued) {
            queue.removeFirst();
            dropped.incrementAndGet();
        }
        queue.addLast(new Batch(path, json));
    }

    /** Tries every queued batch once, oldest first. */
    public void sendPending() {
        int pending;
        synchronized (this) {
            pending = queue.size();
        }
        for (int i = 0; i < pending; i++) {
            Batch batch;
            synchronized (this) {
                batch = queue.pollFirst();
            }
            if (batch == null) {
                return;
            }
            if (send(batch)) {
                sent.incrementAndGet();
            } else {
                failedAttempts.incrementAndGet();
                requeue(batch);
            }
        }
    }

    private synchronized void requeue(Batch batch) {
        if (++batch.attempts >= maxAttempts) {
            dropped.incrementAndGet();
        } else if (queue.size() < maxQueued) {
            queue.addLast(batch);
        } else {
            dropped.incrementAndGet();
        }
    }

    private boolean send(Batch batch) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint + batch.path))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(batch.json))
                .build();
        try {
            int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return status >= 200 && status < 300;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public synchronized int queued() {
        return queue.size();
    }

    public long sent() {
        return sent.get();
    }

    public long failedAttempts() {
        return failedAttempts.get();
    }

    public long dropped() {
        return dropped.get();
    }
}
