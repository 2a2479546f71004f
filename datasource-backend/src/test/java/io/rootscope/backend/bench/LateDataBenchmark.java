package io.rootscope.backend.bench;

// Run (from the repository root), after `./mvnw -B -q -pl datasource-backend -am test-compile` and building the test
// classpath as BackendBenchmark's header shows:
//   java -cp datasource-backend/target/test-classes:datasource-backend/target/classes:analytics/target/classes:$(cat datasource-backend/target/test.classpath) \
//       io.rootscope.backend.bench.LateDataBenchmark [RECORDS_PER_LATENESS]

import io.rootscope.backend.Backend;
import io.rootscope.backend.config.BackendConfig;
import io.rootscope.backend.testing.OtlpBodies;
import io.rootscope.backend.testing.Rows;
import io.rootscope.backend.testing.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The late-data figure of the hardening issue: on a fresh database (dropped at the end), the real backend (HTTP
 * ingest, ETL scheduler ticking every second over one-minute windows) first aggregates the last 90 minutes; then
 * calls and log records 5, 30 and 59 minutes late are pushed over {@code /v1/traces} and {@code /v1/logs}, and the
 * five-minute tables are read until they hold them. Printed per lateness: records sent against counted in
 * {@code service_call_5m} and {@code log_pattern_5m} (target: all, exact), how long that took, and whether three more
 * ticks left the counts alone (nothing counted twice). Records just beyond the default horizon are pushed too: all
 * rejected, nothing staged. A benchmark, not a test: it reports PASS/MISS.
 */
public final class LateDataBenchmark {

    private static final int RECORDS_DEFAULT = 500;
    private static final List<Integer> LATENESS_MINUTES = List.of(5, 30, 59);
    private static final Duration TICK = Duration.ofSeconds(1);
    private static final String NS = "shop";

    private LateDataBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : RECORDS_DEFAULT;
        try (TestDatabase database = TestDatabase.createMigrated()) {
            DataSource db = database.dataSource();
            BackendConfig settings = BackendConfig.load(Map.of(
                            "ROOTSCOPE_JDBC_URL", database.settings("x", "x").jdbcUrl(), "ROOTSCOPE_HTTP_PORT", "0", "ROOTSCOPE_OTLP_GRPC_PORT", "0"))
                    .withTelemetry("default", NS)
                    .withEtlTiming(Duration.ofMinutes(1), Duration.ZERO, Duration.ofMinutes(90), TICK);
            try (Backend runtime = Backend.start(settings)) {
                long t0 = System.nanoTime();
                awaitCaughtUp(db);
                System.out.printf(Locale.ROOT, "database %s; windows of the last 90 min aggregated in %.1f s; horizon %d min, tick %d s%n",
                        database.name(), (System.nanoTime() - t0) / 1e9, settings.etl().latenessHorizon().toMinutes(), TICK.toSeconds());

                Instant now = Instant.now();
                List<Instant> times = new ArrayList<>();
                long pushed = System.nanoTime();
                for (int minutes : LATENESS_MINUTES) {
                    Instant at = now.minus(Duration.ofMinutes(minutes));
                    times.add(at);
                    push(runtime, "/v1/traces", OtlpBodies.calls(NS, "front-end", "carts", at, records), 200);
                    push(runtime, "/v1/logs", OtlpBodies.logs(NS, "carts", at, records), 200);
                }
                Instant tooLate = now.minus(settings.etl().latenessHorizon()).minusSeconds(60);
                String rejected = push(runtime, "/v1/logs", OtlpBodies.logs(NS, "carts", tooLate, records), 400);
                double pushSeconds = (System.nanoTime() - pushed) / 1e9;
                long lastPush = System.nanoTime();

                Instant deadline = Instant.now().plusSeconds(60);
                while (!allCounted(db, times, records) && Instant.now().isBefore(deadline)) {
                    Thread.sleep(100);
                }
                double seconds = (System.nanoTime() - lastPush) / 1e9;
                List<long[]> counted = counts(db, times);
                Thread.sleep(3 * TICK.toMillis() + 500);
                List<long[]> later = counts(db, times);

                System.out.printf(Locale.ROOT, "%-9s %8s %16s %8s %15s %-12s %s%n", "lateness", "calls", "service_call_5m", "logs",
                        "log_pattern_5m", "target", "result");
                boolean pass = true;
                for (int i = 0; i < times.size(); i++) {
                    long[] c = counted.get(i);
                    boolean exact = c[0] == records && c[1] == records && c[0] == later.get(i)[0] && c[1] == later.get(i)[1];
                    pass &= exact;
                    System.out.printf(Locale.ROOT, "%-9s %8d %16d %8d %15d %-12s %s%n", LATENESS_MINUTES.get(i) + " min", records, c[0],
                            records, c[1], "all, exact", exact ? "PASS" : "MISS");
                }
                System.out.printf(Locale.ROOT, "pushed in %.1f s; all counted %.1f s after the last push; three ticks later: %s%n", pushSeconds, seconds,
                        same(later, counted) ? "unchanged" : "CHANGED " + describe(later));
                long staged = Long.parseLong(Rows.single(db, "SELECT count(*) FROM log_event WHERE ts < '" + now.minus(settings.etl().latenessHorizon()) + "'"));
                boolean refused = staged == 0 && rejected.contains("beyond the lateness horizon");
                System.out.printf(Locale.ROOT, "%d logs %d min late (beyond the %d min horizon): HTTP 400, %d staged (target 0) %s%n",
                        records, Duration.between(tooLate, now).toMinutes(), settings.etl().latenessHorizon().toMinutes(), staged, refused ? "PASS" : "MISS");
                System.out.println(pass && refused ? "late data: PASS" : "late data: MISS");
            }
        }
    }

    private static void awaitCaughtUp(DataSource db) throws Exception {
        Instant deadline = Instant.now().plusSeconds(120);
        while (Instant.now().isBefore(deadline)) {
            String until = Rows.single(db, """
                    SELECT min(done) >= now() - interval '2 minutes' AND count(*) = 2 FROM (
                        SELECT max(window_to) AS done FROM etl_job_run
                         WHERE status = 'succeeded' AND job IN ('trace_calls_5m', 'log_patterns_5m') GROUP BY job) d""");
            if ("t".equals(until)) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the ETL did not catch up within 120 s");
    }

    private static String push(Backend runtime, String path, byte[] body, int expected) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(runtime.url() + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + " (expected " + expected + "): " + response.body());
        }
        return response.body();
    }

    private static boolean allCounted(DataSource db, List<Instant> times, int records) throws Exception {
        return counts(db, times).stream().allMatch(c -> c[0] == records && c[1] == records);
    }

    /** Per time: the calls in service_call_5m and the log records in log_pattern_5m of its bucket. */
    private static List<long[]> counts(DataSource db, List<Instant> times) throws Exception {
        List<long[]> counts = new ArrayList<>();
        for (Instant at : times) {
            String bucket = "public.time_bucket(interval '5 minutes', '" + at + "'::timestamptz)";
            counts.add(new long[] {
                    Long.parseLong(Rows.single(db, "SELECT coalesce(sum(call_count), 0) FROM service_call_5m WHERE bucket = " + bucket)),
                    Long.parseLong(Rows.single(db, "SELECT coalesce(sum(count_total), 0) FROM log_pattern_5m WHERE bucket = " + bucket))});
        }
        return counts;
    }

    private static boolean same(List<long[]> a, List<long[]> b) {
        for (int i = 0; i < a.size(); i++) {
            if (!Arrays.equals(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static String describe(List<long[]> counts) {
        return counts.stream().map(Arrays::toString).toList().toString();
    }
}
