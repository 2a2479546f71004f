package io.rootscope.backend.bench;

import io.rootscope.backend.Backend;
import io.rootscope.backend.config.BackendConfig;
import io.rootscope.backend.testing.EndpointBodies;
import io.rootscope.backend.testing.EndpointBodies.Endpoint;
import io.rootscope.backend.testing.RawHttp;
import io.rootscope.backend.testing.TestDatabase;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The backend's bounds under abuse, on a database of its own, in this JVM's heap (the launcher's {@code -Xmx}):
 * <ol>
 *   <li>a 200 MB body to every POST endpoint, streamed (chunked) and declared (Content-Length): each must be a 413,
 *   and the heap's peak (the sum of the heap pools' peaks, an upper bound) must stay below the configured heap; then
 *   8 such bodies at once to the endpoint heaviest to parse: each refused (413 or, past the bytes in flight, 503);</li>
 *   <li>300 connections each dripping one body byte per 0.5 s (reconnecting when cut off) for 20 s, while
 *   {@code /health} is probed on a new connection every 100 ms: its p99 must stay under 1 s.</li>
 * </ol>
 * Run: {@code ./rootscope bench hardening} (with the other figures of the hardening issue, {@link HardeningBenchmark}).
 */
public final class HardeningLimitsBenchmark {

    private static final long BODY_BYTES = 200L * 1024 * 1024;
    private static final int CONCURRENT_BODIES = 8;
    private static final int SLOW_CONNECTIONS = 300;
    private static final Duration DRIP = Duration.ofMillis(500);
    private static final Duration PROBING = Duration.ofSeconds(20);
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private HardeningLimitsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        run();
        // The slow-body clients' threads would keep the JVM alive.
        System.exit(0);
    }

    static void run() throws Exception {
        long heapMax = Runtime.getRuntime().maxMemory();
        System.out.printf(Locale.ROOT, "heap max %d MB (ROOTSCOPE_HEAP / -Xmx)%n", heapMax >> 20);
        try (TestDatabase database = TestDatabase.createMigrated()) {
            BackendConfig config = BackendConfig.load(Map.of("ROOTSCOPE_JDBC_URL", database.settings("x", "x").jdbcUrl(),
                    "ROOTSCOPE_HTTP_PORT", "0", "ROOTSCOPE_OTLP_GRPC_PORT", "0"));
            try (Backend runtime = Backend.start(config)) {
                int port = URI.create(runtime.url()).getPort();
                System.out.printf(Locale.ROOT, "backend on port %d: body limit %d MB, idle timeout %d s, minimum data rate %d B/s, "
                                + "at most %d requests with a body at once%n", port, config.http().maxBodyBytes() >> 20,
                        config.http().idleTimeout().toSeconds(), config.http().minDataRate(), config.http().maxBodyRequests());
                refuseLargeBodies(port, heapMax);
                healthUnderSlowBodies(port);
            }
        }
    }

    private static void refuseLargeBodies(int port, long heapMax) throws IOException, InterruptedException {
        List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
        System.gc();
        long usedBefore = used(heapPools);
        heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
        int refused = 0;
        long overallPeak = 0;
        System.out.printf(Locale.ROOT, "%n(a) 200 MB bodies, heap used after GC before: %d MB%n", usedBefore >> 20);
        for (Endpoint endpoint : EndpointBodies.ALL) {
            heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
            long started = System.nanoTime();
            RawHttp.Answer streamed = RawHttp.post(port, endpoint.path(), endpoint.contentType(), endpoint.body(), BODY_BYTES, true, 0, TIMEOUT);
            long streamedMs = (System.nanoTime() - started) / 1_000_000;
            int declared = declaredOnly(port, endpoint);
            long peak = heapPools.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
            overallPeak = Math.max(overallPeak, peak);
            refused += (streamed.status() == 413 ? 1 : 0) + (declared == 413 ? 1 : 0);
            System.out.printf(Locale.ROOT, "  %-24s streamed: %d in %5d ms; declared Content-Length: %d; heap peak %4d MB%n",
                    endpoint.path(), streamed.status(), streamedMs, declared, peak >> 20);
        }
        System.gc();
        long usedAfter = used(heapPools);
        System.out.printf(Locale.ROOT, "  refused with 413: %d of %d (target: all)%n", refused, 2 * EndpointBodies.ALL.size());
        System.out.printf(Locale.ROOT, "  heap peak %d MB of %d MB configured (target: below the configured heap, no OutOfMemoryError); "
                + "heap used after GC after: %d MB%n", overallPeak >> 20, heapMax >> 20, usedAfter >> 20);
        refuseConcurrentLargeBodies(port, heapMax, heapPools);
    }

    /** The heaviest endpoint to parse, {@value #CONCURRENT_BODIES} bodies at once: the bytes-in-flight budget holds. */
    private static void refuseConcurrentLargeBodies(int port, long heapMax, List<MemoryPoolMXBean> heapPools) throws InterruptedException {
        Endpoint anteater = EndpointBodies.ALL.stream().filter(e -> e.path().equals("/events/anteater")).findFirst().orElseThrow();
        System.gc();
        heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
        ExecutorService clients = Executors.newFixedThreadPool(CONCURRENT_BODIES);
        List<Future<RawHttp.Answer>> answers = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < CONCURRENT_BODIES; i++) {
            answers.add(clients.submit(() -> RawHttp.post(port, anteater.path(), anteater.contentType(), anteater.body(), BODY_BYTES, true, 0, TIMEOUT)));
        }
        Map<Integer, Integer> statuses = new TreeMap<>();
        for (Future<RawHttp.Answer> answer : answers) {
            int status;
            try {
                status = answer.get().status();
            } catch (ExecutionException e) {
                status = 0;
            }
            statuses.merge(status, 1, Integer::sum);
        }
        clients.shutdown();
        long peak = heapPools.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
        System.out.printf(Locale.ROOT, "  %d concurrent 200 MB bodies to /events/anteater in %d ms: answers %s (413: over the limit, 503: over "
                        + "the bytes in flight); heap peak %d MB of %d MB configured (target: below it)%n", CONCURRENT_BODIES,
                (System.nanoTime() - started) / 1_000_000, statuses, peak >> 20, heapMax >> 20);
    }

    /** A 200 MB Content-Length with no body after it: refused before reading. */
    private static int declaredOnly(int port, Endpoint endpoint) throws IOException {
        try (Socket socket = RawHttp.connect(port, TIMEOUT)) {
            socket.getOutputStream().write(RawHttp.head("POST", endpoint.path(), port, endpoint.contentType(), BODY_BYTES)
                    .getBytes(StandardCharsets.US_ASCII));
            return RawHttp.read(socket).status();
        }
    }

    private static void healthUnderSlowBodies(int port) throws Exception {
        System.out.printf(Locale.ROOT, "%n(b) %d connections dripping one body byte per %d ms into /v1/logs; /health probed every 100 ms "
                + "for %d s on a new connection%n", SLOW_CONNECTIONS, DRIP.toMillis(), PROBING.toSeconds());
        List<Long> latencies = new ArrayList<>();
        int failures = 0;
        try (SlowBodyClients slow = new SlowBodyClients(port, "/v1/logs", "application/json", SLOW_CONNECTIONS, DRIP)) {
            Thread.sleep(2 * DRIP.toMillis());
            long end = System.nanoTime() + PROBING.toNanos();
            while (System.nanoTime() < end) {
                long started = System.nanoTime();
                int status;
                try (Socket socket = RawHttp.connect(port, Duration.ofSeconds(5))) {
                    socket.getOutputStream().write(RawHttp.head("GET", "/health", port, null, 0).getBytes(StandardCharsets.US_ASCII));
                    status = RawHttp.read(socket).status();
                } catch (IOException e) {
                    status = 0;
                }
                long nanos = System.nanoTime() - started;
                latencies.add(nanos);
                failures += status == 200 ? 0 : 1;
                Thread.sleep(Math.max(0, 100 - nanos / 1_000_000));
            }
            System.out.printf(Locale.ROOT, "  slow connections opened: %d (%d beyond the first %d: slow bodies the server cut off or refused)%n",
                    slow.connects(), slow.connects() - SLOW_CONNECTIONS, SLOW_CONNECTIONS);
        }
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf(Locale.ROOT, "  /health over %d probes: p50 %.1f ms, p99 %.1f ms, max %.1f ms; not 200: %d (target: p99 < 1000 ms)%n",
                sorted.length, percentile(sorted, 50), percentile(sorted, 99), sorted[sorted.length - 1] / 1e6, failures);
    }

    private static double percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
    }

    private static long used(List<MemoryPoolMXBean> pools) {
        return pools.stream().mapToLong(pool -> pool.getUsage().getUsed()).sum();
    }
}
