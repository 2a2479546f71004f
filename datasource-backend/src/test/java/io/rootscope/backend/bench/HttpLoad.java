package io.rootscope.backend.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

/**
 * A closed-loop HTTP loader on loopback: a fixed number of workers, each sending its next request as soon as the previous
 * one answered, until {@code maxRequests} were sent or {@code maxDuration} passed. Every answer must be 200; latencies are
 * measured from send to the last byte of the body.
 */
final class HttpLoad {

    /** What one load produced: latencies in nanoseconds (sorted), the wall time, and the first failure if any. */
    record Result(long[] nanos, long elapsedNanos, int failures, String firstFailure) {

        int count() {
            return nanos.length;
        }

        double perSecond() {
            return nanos.length / (elapsedNanos / 1e9);
        }

        /** The nearest-rank percentile in milliseconds. */
        double percentileMs(double p) {
            if (nanos.length == 0) {
                return Double.NaN;
            }
            int rank = (int) Math.ceil(p / 100.0 * nanos.length);
            return nanos[Math.max(0, Math.min(nanos.length - 1, rank - 1))] / 1e6;
        }

        double maxMs() {
            return nanos.length == 0 ? Double.NaN : nanos[nanos.length - 1] / 1e6;
        }
    }

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI query;
    private final String tenant;

    HttpLoad(String baseUrl, String tenant) {
        this.query = URI.create(baseUrl + "/query");
        this.tenant = tenant;
    }

    /** Sends one request and returns its body; throws on anything but 200. */
    String post(String body) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(request(body), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("HTTP " + response.statusCode() + ": " + truncate(response.body()));
        }
        return response.body();
    }

    /** Request {@code i} (0, 1, 2, ...) has body {@code bodies.apply(i)}. */
    Result run(int workers, int maxRequests, Duration maxDuration, IntFunction<String> bodies) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        long started = System.nanoTime();
        long deadline = started + maxDuration.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        List<Future<long[]>> results = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            results.add(pool.submit(() -> {
                long[] mine = new long[16];
                int n = 0;
                while (System.nanoTime() < deadline) {
                    int i = next.getAndIncrement();
                    if (i >= maxRequests) {
                        break;
                    }
                    HttpRequest request = request(bodies.apply(i));
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                        long t = System.nanoTime() - t0;
                        if (response.statusCode() != 200) {
                            failures.incrementAndGet();
                            firstFailure.compareAndSet(null, "HTTP " + response.statusCode() + ": " + truncate(response.body()));
                            continue;
                        }
                        if (n == mine.length) {
                            mine = Arrays.copyOf(mine, 2 * n);
                        }
                        mine[n++] = t;
                    } catch (IOException e) {
                        failures.incrementAndGet();
                        firstFailure.compareAndSet(null, e.toString());
                    }
                }
                return Arrays.copyOf(mine, n);
            }));
        }
        pool.shutdown();
        List<long[]> all = new ArrayList<>();
        for (Future<long[]> result : results) {
            try {
                all.add(result.get());
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("load worker failed", e.getCause());
            }
        }
        long elapsed = System.nanoTime() - started;
        long[] nanos = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        return new Result(nanos, elapsed, failures.get(), firstFailure.get());
    }

    private HttpRequest request(String body) {
        return HttpRequest.newBuilder(query).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").header("X-Rootscope-Tenant", tenant)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static String truncate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}
