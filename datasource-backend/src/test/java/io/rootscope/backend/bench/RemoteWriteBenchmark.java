package io.rootscope.backend.bench;

// Run: ./rootscope bench remote-write [REQUESTS] [CLIENTS] [SERIES]

import io.rootscope.backend.ingest.prompb.RemoteWrite;
import io.rootscope.backend.testing.ProcessCpu;
import io.rootscope.backend.testing.TestBackend;
import io.rootscope.backend.testing.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.xerial.snappy.Snappy;

/**
 * The remote write figure of issue 13: on a fresh database (dropped at the end), the real backend takes
 * {@code /api/v1/write} requests as a Prometheus sends them (snappy-compressed protobuf, 2,000 samples each, its
 * default {@code max_samples_per_send}; one sample of each of 2,000 series per request, SERIES series in all, every
 * round of them one 15 s scrape later) from CLIENTS at once (Prometheus's shards), after the series' first round and
 * REQUESTS / 2 requests of known series to warm the JVM up. Printed: samples/s end to end over HTTP, and the CPU
 * milliseconds per 1k samples of this JVM (backend and clients; bodies built before the clock starts) and of PostgreSQL. Target: at least 200k samples/s on 2 cores. A benchmark, not a test.
 */
public final class RemoteWriteBenchmark {

    private static final int SAMPLES_PER_REQUEST = 2000;

    private RemoteWriteBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        int series = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
        try (TestDatabase database = TestDatabase.createMigrated()) {
            try (TestBackend backend = new TestBackend(database, Optional.empty());
                 Connection cpu = database.dataSource().getConnection()) {
                System.out.printf(Locale.ROOT, "%d cores, load %s; %d requests of %d samples, %d series, %d clients%n",
                        Runtime.getRuntime().availableProcessors(), CpuMeter.loadAverage(), requests, SAMPLES_PER_REQUEST, series, clients);
                Instant start = Instant.now().minusSeconds(3600);
                // The first round adds every series; the next rounds add samples to known series, the first half of them
                // warming the JVM up (its compilers' CPU is not the ingest's), the second half measured.
                int round = series / SAMPLES_PER_REQUEST;
                run(backend, cpu, bodies(start, round, 0, series), clients, "new series (warm-up)");
                run(backend, cpu, bodies(start, requests / 2, round, series), clients, "known series (warm-up)");
                run(backend, cpu, bodies(start, requests, round + requests / 2, series), clients, "known series");
            }
        }
    }

    /** Requests {@code first} .. {@code first + count - 1} of the sequence: request i holds series (i * 2000) mod SERIES onwards. */
    private static List<byte[]> bodies(Instant start, int count, int first, int series) throws Exception {
        List<byte[]> bodies = new ArrayList<>();
        for (int i = first; i < first + count; i++) {
            RemoteWrite.WriteRequest.Builder request = RemoteWrite.WriteRequest.newBuilder();
            for (int j = 0; j < SAMPLES_PER_REQUEST; j++) {
                long n = (long) i * SAMPLES_PER_REQUEST + j;
                int s = (int) (n % series);
                long round = n / series;
                request.addTimeseries(RemoteWrite.TimeSeries.newBuilder()
                        .addLabels(label("__name__", "istio_requests_total"))
                        .addLabels(label("destination_workload", "svc-" + s % 100))
                        .addLabels(label("destination_workload_namespace", "bench"))
                        .addLabels(label("instance", "10.0." + s / 250 + "." + s % 250 + ":15090"))
                        .addLabels(label("job", "istio-mesh"))
                        .addLabels(label("reporter", "source"))
                        .addLabels(label("response_code", "200"))
                        .addSamples(RemoteWrite.Sample.newBuilder().setTimestamp(start.plusSeconds(15 * round).toEpochMilli()).setValue(round * 10.0)));
            }
            bodies.add(Snappy.compress(request.build().toByteArray()));
        }
        return bodies;
    }

    private static RemoteWrite.Label label(String name, String value) {
        return RemoteWrite.Label.newBuilder().setName(name).setValue(value).build();
    }

    private static void run(TestBackend backend, Connection cpu, List<byte[]> bodies, int clients, String name) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        double jvm0 = ProcessCpu.jvmSeconds();
        double jit0 = ProcessCpu.jitSeconds();
        double db0 = ProcessCpu.databaseSeconds(cpu);
        long t0 = System.nanoTime();
        try {
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (byte[] body : bodies) {
                answers.add(pool.submit(() -> client.send(HttpRequest.newBuilder(URI.create(backend.url() + "/api/v1/write"))
                        .header("Content-Type", "application/x-protobuf").header("Content-Encoding", "snappy")
                        .header("X-Prometheus-Remote-Write-Version", "0.1.0")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString())));
            }
            for (Future<HttpResponse<String>> answer : answers) {
                if (answer.get().statusCode() != 204) {
                    throw new IllegalStateException(name + ": answered " + answer.get().statusCode() + " " + answer.get().body());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        double thousands = bodies.size() * (double) SAMPLES_PER_REQUEST / 1000;
        double jvm = ProcessCpu.jvmSeconds() - jvm0;
        double jit = ProcessCpu.jitSeconds() - jit0;
        double db = ProcessCpu.databaseSeconds(cpu) - db0;
        System.out.printf(Locale.ROOT, "%-22s %9.0f samples/s  (%d samples in %.2f s; %d B per request; CPU per 1k samples: JVM %.1f ms of which JIT compilers %.1f, PostgreSQL %.1f ms)%n",
                name, thousands * 1000 / seconds, (long) (thousands * 1000), seconds, bodies.stream().mapToLong(b -> b.length).sum() / bodies.size(),
                jvm * 1000 / thousands, jit * 1000 / thousands, db * 1000 / thousands);
    }
}
