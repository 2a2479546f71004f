package io.rootscope.backend.bench;

// Run: ./rootscope bench standby [SECONDS [INGEST_CLIENTS]] (default 30 s, 2 clients).

import com.zaxxer.hikari.HikariDataSource;
import io.rootscope.backend.Backend;
import io.rootscope.backend.db.DataSourceFactory;
import io.rootscope.backend.db.DatabaseSettings;
import io.rootscope.backend.db.ReadRouting;
import io.rootscope.backend.testing.DatabaseServer;
import io.rootscope.backend.testing.LocalStandby;
import io.rootscope.backend.testing.OtlpBodies;
import io.rootscope.backend.testing.TestBackend;
import io.rootscope.backend.testing.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The standby lag that panel queries see while ingest runs (issue 14): on a fresh database of the local cluster and its
 * streaming standby ({@code ./rootscope db standby start}), the real backend with its panel reads on the standby takes
 * OTLP log batches (2,000 records each, from INGEST_CLIENTS at once) for SECONDS, while one client runs the
 * {@code log_patterns} panel over them back to back. At each panel query the primary's {@code pg_stat_replication} gives
 * the standby's replay lag, in bytes (the primary's WAL position minus the standby's replay position) and in time
 * ({@code replay_lag}: from a WAL flush on the primary to its replay on the standby). Printed: their p50 and p99, the
 * panel latency, the ingest rate, which server served the panel reads, and the load averages at the start and the end.
 * A benchmark, not a test.
 */
public final class StandbyBenchmark {

    private static final int BATCH = 2000;
    private static final String LAG = "SELECT coalesce(max((pg_current_wal_lsn() - replay_lsn)::bigint), -1),"
            + " coalesce(max(extract(epoch FROM replay_lag) * 1000), 0) FROM pg_stat_replication WHERE usename = ?";

    private StandbyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Duration duration = Duration.ofSeconds(args.length > 0 ? Long.parseLong(args[0]) : 30);
        int ingestClients = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        DatabaseServer standbyServer = LocalStandby.start();
        try (TestDatabase database = TestDatabase.createMigrated()) {
            DatabaseSettings reader = database.readerSettings();
            try (HikariDataSource primaryReader = DataSourceFactory.create(reader, "bench-reader");
                 HikariDataSource standbyReader = DataSourceFactory.createStandby(new DatabaseSettings(
                         standbyServer.jdbcUrl(database.name()), reader.user(), reader.password(), 4), "bench-standby-reader");
                 Connection admin = TestDatabase.admin("postgres")) {
                ReadRouting reads = ReadRouting.withStandby(primaryReader, standbyReader, Duration.ofSeconds(1));
                Backend backend = Backend.serve(database.backendConfig(Map.of()), database.dataSource(), reads);
                try {
                    System.out.printf(Locale.ROOT, "%d cores, %d s of ingest from %d clients (%d log records a request); load average %s%n",
                            Runtime.getRuntime().availableProcessors(), duration.toSeconds(), ingestClients, BATCH, CpuMeter.loadAverage());
                    run(backend, admin, reads, duration, ingestClients);
                    System.out.printf(Locale.ROOT, "load average at the end %s%n", CpuMeter.loadAverage());
                } finally {
                    backend.close();
                }
            }
        }
    }

    private static void run(Backend backend, Connection admin, ReadRouting reads, Duration duration, int ingestClients) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        long end = System.nanoTime() + duration.toNanos();
        AtomicLong records = new AtomicLong();
        ExecutorService ingest = Executors.newFixedThreadPool(ingestClients);
        List<Future<?>> pushers = new ArrayList<>();
        for (int i = 0; i < ingestClients; i++) {
            pushers.add(ingest.submit(() -> {
                while (System.nanoTime() < end) {
                    post(client, backend.url() + "/v1/logs", OtlpBodies.logs("bench", "carts", Instant.now(), BATCH));
                    records.addAndGet(BATCH);
                }
                return null;
            }));
        }
        List<Long> lagBytes = new ArrayList<>();
        List<Double> lagMillis = new ArrayList<>();
        List<Double> panelMillis = new ArrayList<>();
        long standby0 = reads.standbyCheckouts();
        long primary0 = reads.primaryCheckouts();
        long t0 = System.nanoTime();
        try (PreparedStatement lag = admin.prepareStatement(LAG)) {
            lag.setString(1, "rootscope_replication");
            while (System.nanoTime() < end) {
                Instant now = Instant.now();
                byte[] panel = TestBackend.queryBody(now.minus(10, ChronoUnit.MINUTES), now, "log_patterns", "{}").getBytes();
                long started = System.nanoTime();
                try (ResultSet row = lag.executeQuery()) {
                    row.next();
                    lagBytes.add(row.getLong(1));
                    lagMillis.add(row.getDouble(2));
                }
                post(client, backend.url() + "/query", panel);
                panelMillis.add((System.nanoTime() - started) / 1e6);
            }
        } finally {
            for (Future<?> pusher : pushers) {
                pusher.get();
            }
            ingest.shutdownNow();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "ingest: %.0f log records/s (%d in %.1f s)%n", records.get() / seconds, records.get(), seconds);
        System.out.printf(Locale.ROOT, "panel queries: %d (log_patterns), latency p50 %.1f ms, p99 %.1f ms; reads served by the standby %d,"
                        + " by the primary %d%n", panelMillis.size(), percentile(panelMillis, 50), percentile(panelMillis, 99),
                reads.standbyCheckouts() - standby0, reads.primaryCheckouts() - primary0);
        List<Double> bytes = lagBytes.stream().map(Long::doubleValue).toList();
        System.out.printf(Locale.ROOT, "standby lag seen by panel queries: p50 %.0f B, p99 %.0f B of WAL; replay_lag p50 %.1f ms, p99 %.1f ms%n",
                percentile(bytes, 50), percentile(bytes, 99), percentile(lagMillis, 50), percentile(lagMillis, 99));
    }

    private static void post(HttpClient client, String url, byte[] body) throws Exception {
        HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException(url + ": answered " + answer.statusCode() + " " + answer.body());
        }
    }

    private static double percentile(List<Double> values, int p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
