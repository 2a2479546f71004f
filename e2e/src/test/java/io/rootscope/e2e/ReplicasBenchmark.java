package io.rootscope.e2e;

// Run: ./rootscope bench replicas [SECONDS [CLIENTS]]

import io.rootscope.backend.bench.CpuMeter;
import io.rootscope.backend.testing.ProcessCpu;
import io.rootscope.backend.testing.ReleaseArchive;
import io.rootscope.backend.testing.TestDatabase;
import io.rootscope.demo.BackendClient;
import io.rootscope.demo.DemoStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code ./rootscope bench replicas [SECONDS [CLIENTS]]}: issue 14's figures for several backends on one database. The
 * stack of {@link ReplicasTest} (Prometheus and the Sock Shop simulator feeding the ETL, a streaming standby as the panels'
 * reader, backend processes of the release) with 1 replica, then 3: CLIENTS (default 4) push OTLP/HTTP protobuf traces
 * and logs and remote write samples to the replicas in turn for SECONDS (default 30), then as many ask panel queries for as
 * long. Printed per phase: acknowledged rows/s or queries/s, the cores used by the backend processes and by the PostgreSQL
 * processes serving the database on the primary and on the standby, and the load average. With 3 replicas, one is then
 * killed with SIGKILL: printed is the time until the ETL windows it held were taken over (the goal is under 30 s).
 * A benchmark, not a test.
 */
public final class ReplicasBenchmark {

    static final Duration WARMUP = Duration.ofSeconds(60);
    /** Time for the replicas' JIT and pools before a phase is measured. */
    static final Duration SETTLE = Duration.ofSeconds(20);
    static final int PER_REQUEST = 200;
    static final Duration TAKEOVER_LIMIT = Duration.ofSeconds(90);
    static final String TENANT = "bench";

    private ReplicasBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Duration phase = Duration.ofSeconds(args.length > 0 ? Long.parseLong(args[0]) : 30);
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        Path unpacked = Files.createTempDirectory("rootscope-bench-replicas");
        Path release = ReleaseArchive.unpack(ReleaseArchive.built(), unpacked);
        System.out.printf(Locale.ROOT, "%d cores, load %s; %d clients, %d s phases, %d records a request%n",
                Runtime.getRuntime().availableProcessors(), CpuMeter.loadAverage(), clients, phase.toSeconds(), PER_REQUEST);
        for (int replicas : List.of(1, 3)) {
            run(release, replicas, phase, clients);
        }
    }

    private static void run(Path release, int count, Duration phase, int clients) throws Exception {
        try (ReplicatedStack replicated = ReplicatedStack.start(release, count, WARMUP, TENANT, message -> { })) {
            TestDatabase database = replicated.database;
            Standby standby = replicated.standby;
            ReplicaSet replicas = replicated.replicas;
            Thread.sleep(SETTLE.toMillis());
            AcknowledgedPushes pushes = new AcknowledgedPushes(TENANT, PER_REQUEST);
            Usage ingest = measure(database, standby, replicas, () -> {
                parallel(clients, phase, (client, round) -> pushes.pushRound(replicas.url((client + round) % replicas.size())));
                return null;
            });
            Map<AcknowledgedPushes.Kind, Long> rows = pushes.acknowledged();
            long total = rows.values().stream().mapToLong(Long::longValue).sum();
            System.out.printf(Locale.ROOT, "%d replica%s  ingest %8.0f rows/s (spans %.0f/s, log records %.0f/s, samples %.0f/s)  %s%n",
                    count, count == 1 ? " " : "s", total / ingest.seconds, rows.getOrDefault(AcknowledgedPushes.Kind.SPANS, 0L) / ingest.seconds,
                    rows.getOrDefault(AcknowledgedPushes.Kind.LOGS, 0L) / ingest.seconds,
                    rows.getOrDefault(AcknowledgedPushes.Kind.SAMPLES, 0L) / ingest.seconds, ingest);
            AtomicLong queries = new AtomicLong();
            Usage panels = measure(database, standby, replicas, () -> {
                parallel(clients, phase, (client, round) -> {
                    Instant now = Instant.now();
                    new BackendClient(replicas.url((client + round) % replicas.size()), DemoStack.TENANT_DEFAULT)
                            .first("incidents", Map.of("status", "all"), now.minus(Duration.ofHours(1)), now);
                    queries.incrementAndGet();
                });
                return null;
            });
            System.out.printf(Locale.ROOT, "%d replica%s  panels %8.1f queries/s (incidents)  %s%n", count, count == 1 ? " " : "s",
                    queries.get() / panels.seconds, panels);
            if (count > 1) {
                Takeover.measure(database.dataSource(), replicas, count - 1, TAKEOVER_LIMIT);
            }
        }
    }

    /** One client's step: the {@code round}-th of client {@code client}. */
    @FunctionalInterface
    interface Step {
        void run(int client, int round) throws Exception;
    }

    /** {@code clients} threads repeating their step until {@code phase} is over. */
    private static void parallel(int clients, Duration phase, Step step) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long end = System.nanoTime() + phase.toNanos();
        try {
            List<Future<Void>> done = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int client = c;
                done.add(pool.submit(() -> {
                    for (int round = 0; System.nanoTime() < end; round++) {
                        step.run(client, round);
                    }
                    return null;
                }));
            }
            for (Future<Void> future : done) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Cores used during a phase by the backend processes, and by PostgreSQL for the database on the primary and standby. */
    record Usage(double seconds, double backends, double primary, double standby, String load) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "cores: backends %.2f, PostgreSQL primary %.2f, standby %.2f; load %s",
                    backends / seconds, primary / seconds, standby / seconds, load);
        }
    }

    private static Usage measure(TestDatabase database, Standby standby, ReplicaSet replicas, Callable<Void> phase) throws Exception {
        try (Connection primary = database.dataSource().getConnection(); Connection onStandby = standby.connection()) {
            double backends0 = backendSeconds(replicas);
            double primary0 = ProcessCpu.databaseSeconds(primary);
            double standby0 = ProcessCpu.databaseSeconds(onStandby);
            long t0 = System.nanoTime();
            phase.call();
            double seconds = (System.nanoTime() - t0) / 1e9;
            return new Usage(seconds, backendSeconds(replicas) - backends0, ProcessCpu.databaseSeconds(primary) - primary0,
                    ProcessCpu.databaseSeconds(onStandby) - standby0, CpuMeter.loadAverage());
        }
    }

    /** User plus system CPU seconds of the replicas' processes so far. */
    private static double backendSeconds(ReplicaSet replicas) {
        double seconds = 0;
        for (int replica = 0; replica < replicas.size(); replica++) {
            seconds += ProcessHandle.of(replicas.pid(replica)).flatMap(p -> p.info().totalCpuDuration())
                    .map(d -> d.toNanos() / 1e9).orElse(0.0);
        }
        return seconds;
    }
}
