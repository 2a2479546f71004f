package io.rootscope.backend.bench;

// Run (from the repository root), by hand until the lead wires it into ./rootscope bench hardening:
//   ./mvnw -o -B -q -pl datasource-backend test-compile
//   ./mvnw -o -B -q -f datasource-backend/pom.xml dependency:build-classpath -Dmdep.includeScope=test \
//       -Dmdep.outputFile=target/test.classpath
//   java -cp datasource-backend/target/test-classes:datasource-backend/target/classes:analytics/target/classes:$(cat datasource-backend/target/test.classpath) \
//       io.rootscope.backend.bench.ConcurrentRcaBenchmark [REQUESTS]
// The diagnosis bounds come from the environment as in production (ROOTSCOPE_RCA_MAX_CONCURRENT, ROOTSCOPE_RCA_QUEUE_WAIT_MS).

import com.zaxxer.hikari.HikariDataSource;
import io.rootscope.backend.Backend;
import io.rootscope.backend.config.BackendConfig;
import io.rootscope.backend.db.DataSourceFactory;
import io.rootscope.backend.db.DatabaseSettings;
import io.rootscope.backend.db.SchemaMigrator;
import io.rootscope.backend.rca.DiagnosisSettings;
import io.rootscope.backend.testing.TestBackend;
import io.rootscope.backend.testing.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * "Overload is not an outage": {@value #REQUESTS_DEFAULT} {@code rca} queries sent at once to the real backend over HTTP on
 * loopback, on a healthy database of {@link BenchData} (50 services × 7 metrics at 15 s), each over a different 60-minute
 * window so that every one computes a diagnosis. Prints the answers by status (200 / 429 busy / 503), how many said
 * "database unavailable" (target 0: the database never went away), Retry-After on every 429 and 503, and latency p50/p95.
 */
public final class ConcurrentRcaBenchmark {

    static final int REQUESTS_DEFAULT = 50;
    static final Duration WINDOW = Duration.ofMinutes(60);
    static final Duration SLIDE = Duration.ofSeconds(15);
    static final int WARM_UP_DIAGNOSES = 10;

    private record Answer(int status, boolean unavailable, boolean retryAfter, long nanos) {
    }

    private ConcurrentRcaBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : REQUESTS_DEFAULT;
        DiagnosisSettings diagnoses = BackendConfig.load(System.getenv()).diagnoses();
        System.out.println("machine: " + Runtime.getRuntime().availableProcessors() + " cores, load " + CpuMeter.loadAverage()
                + ", Java " + Runtime.version());
        TestDatabase database = TestDatabase.createEmpty();
        HikariDataSource writer = null;
        HikariDataSource reader = null;
        Backend backend = null;
        try {
            long t0 = System.nanoTime();
            new SchemaMigrator(database.dataSource()).migrate();
            BenchData data = new BenchData(database.dataSource());
            System.out.printf(Locale.ROOT, "database %s migrated and seeded in %.1f s%n", database.name(), (System.nanoTime() - t0) / 1e9);
            writer = DataSourceFactory.create(productionPool(database.settings(TestDatabase.APP_ROLE,
                    System.getenv().getOrDefault("ROOTSCOPE_DB_PASSWORD", "rootscope"))), "bench-writer");
            reader = DataSourceFactory.create(productionPool(database.readerSettings()), "bench-reader");
            backend = Backend.serve(database.backendConfig(Map.of()).withDiagnoses(diagnoses), writer, reader);
            System.out.printf(Locale.ROOT, "backend: %d diagnoses at once (ROOTSCOPE_RCA_MAX_CONCURRENT), queue wait %d ms, "
                    + "reader pool %d connections, pool wait 3 s%n", diagnoses.maxConcurrent(), diagnoses.queueWait().toMillis(),
                    DatabaseSettings.MAX_POOL_SIZE_DEFAULT);
            String base = backend.url();
            warmUp(base, data);
            String name = database.name();
            CpuMeter cpu = new CpuMeter(() -> BackendBenchmark.databasePids(name));
            CpuMeter.Snapshot before = cpu.snapshot();
            List<Answer> answers = fire(base, data, requests);
            CpuMeter.Usage usage = cpu.since(before);
            report(answers, requests);
            // On a machine others load, a diagnosis takes longer, so fewer fit in the queue wait: more 429s, never a 503.
            System.out.println("  " + usage);
        } finally {
            if (backend != null) {
                backend.close();
            }
            if (reader != null) {
                reader.close();
            }
            if (writer != null) {
                writer.close();
            }
            database.close();
        }
    }

    private static DatabaseSettings productionPool(DatabaseSettings settings) {
        return new DatabaseSettings(settings.jdbcUrl(), settings.user(), settings.password(), DatabaseSettings.MAX_POOL_SIZE_DEFAULT);
    }

    /**
     * JIT warm-up, one request at a time, on front-ends the burst does not ask for: a backend in service is warm, and a cold
     * JVM's first diagnoses take seconds of compilation.
     */
    private static void warmUp(String base, BenchData data) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        long started = System.nanoTime();
        for (int k = 0; k < WARM_UP_DIAGNOSES; k++) {
            HttpResponse<String> response = client.send(rca(base, data, BenchData.service(BenchData.SERVICES - 1 - k % 5),
                    data.start.plus(SLIDE.multipliedBy(k))), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("warm-up diagnosis answered " + response.statusCode() + ": " + response.body());
            }
        }
        System.out.printf(Locale.ROOT, "warm-up: %d diagnoses one at a time in %.1f s%n", WARM_UP_DIAGNOSES, (System.nanoTime() - started) / 1e9);
    }

    private static HttpRequest rca(String base, BenchData data, String frontend, Instant from) {
        return HttpRequest.newBuilder(URI.create(base + "/query"))
                .header("Content-Type", "application/json").header("X-Rootscope-Tenant", BenchData.TENANT)
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(TestBackend.queryBody(from, from.plus(WINDOW), "rca",
                        "{\"frontend\":\"" + frontend + "\",\"anomaly_start\":\"" + data.anomalyStart + "\"}")))
                .build();
    }

    /** Every request on its own thread and connection, released together. */
    private static List<Answer> fire(String base, BenchData data, int requests) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        ExecutorService threads = Executors.newFixedThreadPool(requests);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Answer>> answers = new ArrayList<>();
        try {
            for (int k = 0; k < requests; k++) {
                HttpRequest request = rca(base, data, BenchData.service(k / 60), data.start.plus(SLIDE.multipliedBy(k % 60)));
                answers.add(threads.submit(() -> {
                    go.await();
                    long started = System.nanoTime();
                    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                    return new Answer(response.statusCode(), response.body().contains("database unavailable"),
                            response.headers().firstValue("Retry-After").isPresent(), System.nanoTime() - started);
                }));
            }
            go.countDown();
            List<Answer> result = new ArrayList<>();
            for (Future<Answer> answer : answers) {
                result.add(answer.get());
            }
            return result;
        } finally {
            threads.shutdownNow();
        }
    }

    private static void report(List<Answer> answers, int requests) {
        Map<Integer, List<Answer>> byStatus = new TreeMap<>();
        answers.forEach(answer -> byStatus.computeIfAbsent(answer.status(), s -> new ArrayList<>()).add(answer));
        long unavailable = answers.stream().filter(Answer::unavailable).count();
        long refusalsWithoutRetryAfter = answers.stream().filter(a -> (a.status() == 429 || a.status() == 503) && !a.retryAfter()).count();
        System.out.println();
        System.out.printf(Locale.ROOT, "%d concurrent rca (distinct windows), healthy database:%n", requests);
        byStatus.forEach((status, group) -> System.out.printf(Locale.ROOT, "  %d: %3d answers, latency p50 %.0f ms, p95 %.0f ms%n",
                status, group.size(), percentileMs(group, 50), percentileMs(group, 95)));
        System.out.printf(Locale.ROOT, "  all: latency p50 %.0f ms, p95 %.0f ms%n", percentileMs(answers, 50), percentileMs(answers, 95));
        System.out.printf(Locale.ROOT, "%-62s target %-6s measured %d  %s%n", "answers saying \"database unavailable\"", "0",
                unavailable, unavailable == 0 ? "PASS" : "MISS");
        System.out.printf(Locale.ROOT, "%-62s target %-6s measured %d  %s%n", "429/503 answers without Retry-After", "0",
                refusalsWithoutRetryAfter, refusalsWithoutRetryAfter == 0 ? "PASS" : "MISS");
    }

    private static double percentileMs(List<Answer> answers, double p) {
        long[] nanos = answers.stream().mapToLong(Answer::nanos).sorted().toArray();
        if (nanos.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * nanos.length);
        return nanos[Math.max(0, Math.min(nanos.length - 1, rank - 1))] / 1e6;
    }
}
