package io.rootscope.backend.bench;

// Run (from the repository root):
//   ./rootscope bench backend [metricsClients] [metricsSeconds]
// or by hand:
//   ./mvnw -B -q -pl datasource-backend -am test-compile
//   ./mvnw -B -q -f datasource-backend/pom.xml dependency:build-classpath -Dmdep.includeScope=test \
//       -Dmdep.outputFile=target/test.classpath
//   java -cp datasource-backend/target/test-classes:datasource-backend/target/classes:analytics/target/classes:$(cat datasource-backend/target/test.classpath) \
//       io.rootscope.backend.bench.BackendBenchmark [metricsClients] [metricsSeconds]
// Options (by hand, or through JAVA_TOOL_OPTIONS with the script): -Drootscope.bench.phases=rca,metrics,graph (default:
// all) and -Drootscope.bench.keep=true (keep the database for EXPLAIN ANALYZE; then DROP DATABASE <name> WITH (FORCE)).

import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariDataSource;
import io.rootscope.backend.Backend;
import io.rootscope.backend.db.DataSourceFactory;
import io.rootscope.backend.db.DatabaseSettings;
import io.rootscope.backend.db.SchemaMigrator;
import io.rootscope.backend.json.Json;
import io.rootscope.backend.protocol.QueryLimits;
import io.rootscope.backend.rca.DiagnosisWindowLoader;
import io.rootscope.analytics.rca.RootCauseMethod;
import io.rootscope.analytics.rca.methods.RootCauseMethods;
import io.rootscope.backend.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * The performance figures of the backend issue, measured over HTTP on loopback against the real backend and a fresh
 * database of {@link BenchData} (dropped at the end), and printed next to their targets:
 * <ul>
 *   <li>{@code rca} over 50 services × 7 metric types × 60 min at 15 s: p95 &lt; 300 ms cold (every window new, so nothing
 *       is reused), &lt; 20 ms cached (the same requests again, answered from the in-memory cache of ad-hoc diagnoses);</li>
 *   <li>{@code metrics}: ≥ 500 req/s with p99 &lt; 100 ms, from concurrent clients sending dashboard requests (1 h range,
 *       maxDataPoints 1000);</li>
 *   <li>{@code topology} (whole tenant at a time T as a Node Graph panel asks for it, i.e. capped at the default node
 *       limit, and k-hop neighbourhood and impact from AGE) and {@code evidence}: p95 &lt; 50 ms with 10k resources and
 *       100k edges. The whole tenant at the largest limit and the uncapped read are noted as information.</li>
 * </ul>
 * A benchmark, not a test: it measures and reports (PASS/MISS per figure) and fails only when requests fail. The machine
 * may be shared, so each figure carries the CPU use of its phase, split into this process, its PostgreSQL backends and
 * everyone else.
 */
public final class BackendBenchmark {

    static final int METRICS_CLIENTS_DEFAULT = 8;
    static final int METRICS_SECONDS_DEFAULT = 25;
    static final int RCA_WINDOWS = 20;
    static final int RCA_WARMUP = 5;
    static final Duration RCA_WINDOW = Duration.ofMinutes(60);
    static final Duration RCA_SLIDE = Duration.ofSeconds(30);
    static final int GRAPH_CLIENTS = 2;
    static final Duration WARM_UP = Duration.ofSeconds(20);

    /** One line of the report. */
    record Figure(String name, String target, String measured, boolean pass, CpuMeter.Usage cpu) {
    }

    private final List<Figure> figures = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final BenchData data;
    private final HttpLoad http;
    private final CpuMeter cpu;

    private final DSLContext db;

    private BackendBenchmark(BenchData data, HttpLoad http, CpuMeter cpu, DSLContext db) {
        this.db = db;
        this.data = data;
        this.http = http;
        this.cpu = cpu;
    }

    public static void main(String[] args) throws Exception {
        int metricsClients = args.length > 0 ? Integer.parseInt(args[0]) : METRICS_CLIENTS_DEFAULT;
        int metricsSeconds = args.length > 1 ? Integer.parseInt(args[1]) : METRICS_SECONDS_DEFAULT;
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
            System.out.printf(Locale.ROOT, "database %s migrated and seeded in %.1f s: %s; AGE ops: %d vertices, %d edges%n",
                    database.name(), (System.nanoTime() - t0) / 1e9, data.counts, data.graphVertices, data.graphEdges);
            // The production pool size (ROOTSCOPE_DB_POOL_SIZE default), not the tests' smaller one.
            writer = DataSourceFactory.create(poolOf(database.settings(TestDatabase.APP_ROLE,
                    System.getenv().getOrDefault("ROOTSCOPE_DB_PASSWORD", "rootscope"))), "bench-writer");
            reader = DataSourceFactory.create(poolOf(database.readerSettings()), "bench-reader");
            backend = Backend.serve(database.backendConfig(Map.of()), writer, reader);
            String name = database.name();
            CpuMeter cpu = new CpuMeter(() -> databasePids(name));
            BackendBenchmark bench = new BackendBenchmark(data, new HttpLoad(backend.url(), BenchData.TENANT), cpu,
                    DSL.using(writer, SQLDialect.POSTGRES));
            List<String> phases = List.of(System.getProperty("rootscope.bench.phases", "rca,metrics,graph").split(","));
            bench.warmUp(phases);
            if (phases.contains("rca")) {
                bench.rca();
            }
            if (phases.contains("metrics")) {
                bench.metrics(metricsClients, Duration.ofSeconds(metricsSeconds));
            }
            if (phases.contains("graph")) {
                bench.topologyAndEvidence();
            }
            bench.report();
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
            if (Boolean.getBoolean("rootscope.bench.keep")) {
                System.out.println("kept database " + database.name() + " (tenant " + BenchData.TENANT + ")");
            } else {
                database.close();
            }
        }
    }

    private static DatabaseSettings poolOf(DatabaseSettings settings) {
        return new DatabaseSettings(settings.jdbcUrl(), settings.user(), settings.password(), DatabaseSettings.MAX_POOL_SIZE_DEFAULT);
    }

    static List<Long> databasePids(String database) {
        List<Long> pids = new ArrayList<>();
        try (Connection admin = TestDatabase.admin("postgres");
             PreparedStatement statement = admin.prepareStatement("SELECT pid FROM pg_stat_activity WHERE datname = ?")) {
            statement.setString(1, database);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    pids.add(rows.getLong(1));
                }
            }
        } catch (SQLException e) {
            // Without the pids the database's CPU counts as others'.
        }
        return pids;
    }

    /**
     * JIT warm-up before any measurement: every request shape measured later, from two clients, for {@link #WARM_UP}.
     * Without it the compiler threads take a core away from the first phases (JFR: C2 was this JVM's busiest thread).
     * Diagnoses use windows past the measured ones, so the cold figure stays cold.
     */
    private void warmUp(List<String> phases) throws Exception {
        Instant to = data.end;
        Instant from = to.minus(Duration.ofHours(1));
        List<String> bodies = new ArrayList<>();
        if (phases.contains("rca")) {
            // Other front-ends than the measured svc-00: new diagnoses at first, stored ones after.
            Instant start = data.start.plus(RCA_SLIDE.multipliedBy(RCA_WINDOWS + RCA_WARMUP));
            for (int frontend = 1; frontend <= 4; frontend++) {
                bodies.add(body(start, start.plus(RCA_WINDOW), "rca", "{\"frontend\":\"" + BenchData.service(frontend)
                        + "\",\"anomaly_start\":\"" + data.anomalyStart + "\"}", null, null));
            }
        }
        if (phases.contains("metrics")) {
            bodies.add(body(from, to, "metrics", "{\"resource\":\"" + BenchData.service(9) + "\",\"metric\":\"cpu\"}", 5_000L, 1000));
            bodies.add(body(from, to, "metrics", "{\"resource\":[" + fiveServices(9) + "],\"metric\":\"io\",\"stat\":\"p95\"}", 5_000L, 1000));
            bodies.add(body(from, to, "metrics", "{\"resource\":\"" + BenchData.service(9) + "\",\"metric\":\"io\",\"resolution\":\"1m\"}",
                    5_000L, 1000));
        }
        if (phases.contains("graph")) {
            bodies.add(body(from, to, "topology", "{\"relation\":\"RUNS_ON\"}", null, null));
            bodies.add(body(from, to, "topology", "{\"resource\":\"" + BenchData.service(3) + "\",\"hops\":2}", null, null));
            bodies.add(body(from, to, "topology", "{\"resource\":\"" + BenchData.host(7) + "\",\"hops\":2,\"mode\":\"impact\"}", null, null));
            bodies.add(body(from, to, "evidence", "{\"event_id\":\"" + data.incidents.get(0) + "\"}", null, null));
        }
        if (bodies.isEmpty()) {
            return;
        }
        HttpLoad.Result warm = http.run(GRAPH_CLIENTS, Integer.MAX_VALUE, WARM_UP, i -> bodies.get(i % bodies.size()));
        failOn("warm-up", warm);
        System.out.printf(Locale.ROOT, "warm-up: %d requests in %.0f s%n", warm.count(), warm.elapsedNanos() / 1e9);
    }

    // ---------------------------------------------------------------------------------------------------- rca

    private void rca() throws Exception {
        IntFunction<String> window = k -> {
            Instant from = data.start.plus(RCA_SLIDE.multipliedBy(k));
            return body(from, from.plus(RCA_WINDOW), "rca", "{\"frontend\":\"" + BenchData.service(0) + "\",\"anomaly_start\":\""
                    + data.anomalyStart + "\"}", null, null);
        };
        // JIT warm-up on windows the measured ones never repeat; also checks the diagnosis finds the culprit.
        for (int k = RCA_WINDOWS; k < RCA_WINDOWS + RCA_WARMUP; k++) {
            JsonNode frames = Json.MAPPER.readTree(http.post(window.apply(k)));
            String top = firstValue(frames.get(0), "resource");
            if (k == RCA_WINDOWS) {
                System.out.println("rca sanity: top-ranked cause " + top + " (injected: " + BenchData.service(BenchData.CULPRIT) + "), "
                        + frames.get(0).at("/fields/0/values").size() + " candidates");
            }
        }
        CpuMeter.Snapshot before = cpu.snapshot();
        HttpLoad.Result cold = http.run(1, RCA_WINDOWS, Duration.ofMinutes(5), window);
        CpuMeter.Usage coldCpu = cpu.since(before);
        failOn("rca cold", cold);
        for (int k = 0; k < RCA_WINDOWS; k++) {
            JsonNode frames = Json.MAPPER.readTree(http.post(window.apply(k)));
            if (!frames.get(0).at("/meta/custom/reused").asBoolean()) {
                throw new IllegalStateException("rca window " + k + " was not reused from the diagnosis cache");
            }
        }
        before = cpu.snapshot();
        HttpLoad.Result cached = http.run(1, 10 * RCA_WINDOWS, Duration.ofMinutes(2), k -> window.apply(k % RCA_WINDOWS));
        CpuMeter.Usage cachedCpu = cpu.since(before);
        failOn("rca cached", cached);
        breakdown();
        figures.add(new Figure("rca cold, " + cold.count() + " new windows, 1 client", "p95 < 300 ms", latencies(cold, true),
                cold.percentileMs(95) < 300, coldCpu));
        figures.add(new Figure("rca cached, " + cached.count() + " cached windows, 1 client", "p95 < 20 ms", latencies(cached, false),
                cached.percentileMs(95) < 20, cachedCpu));
    }

    /**
     * Where a cold diagnosis spends its time, in this process without HTTP: the data's fingerprint, loading the window
     * (spacing, series, call graph) and ranking (AutoMAP), each the median over windows not measured above.
     */
    private void breakdown() {
        DiagnosisWindowLoader loader = new DiagnosisWindowLoader(db);
        RootCauseMethod method = RootCauseMethods.create(RootCauseMethods.DEFAULT, java.util.Map.of());
        int windows = 5;
        long[][] nanos = new long[3][windows];
        for (int w = 0; w < windows; w++) {
            Instant from = data.start.plus(RCA_SLIDE.multipliedBy(RCA_WINDOWS + RCA_WARMUP + w));
            Instant to = from.plus(RCA_WINDOW);
            long t0 = System.nanoTime();
            DiagnosisWindowLoader.Version version = loader.version(data.tenantId, from, to).orElseThrow();
            long t1 = System.nanoTime();
            DiagnosisWindowLoader.Loaded loaded = loader.load(data.tenantId, BenchData.service(0), from, to,
                    Optional.of(data.anomalyStart), List.of(), version).orElseThrow();
            long t2 = System.nanoTime();
            method.rank(loaded.window());
            long t3 = System.nanoTime();
            nanos[0][w] = t1 - t0;
            nanos[1][w] = t2 - t1;
            nanos[2][w] = t3 - t2;
        }
        for (long[] n : nanos) {
            java.util.Arrays.sort(n);
        }
        notes.add(String.format(Locale.ROOT, "rca cold breakdown, in-process median of %d windows: fingerprint %.1f ms, load window "
                + "(spacing, %d×%d series, call graph) %.1f ms, %s rank %.1f ms; the rest of a cold request is "
                + "its lookups (stored run, cache) and HTTP/JSON", windows, nanos[0][windows / 2] / 1e6, BenchData.SERVICES, BenchData.METRICS.size(),
                nanos[1][windows / 2] / 1e6, "'" + RootCauseMethods.DEFAULT + "' method", nanos[2][windows / 2] / 1e6));
    }

    // ---------------------------------------------------------------------------------------------------- metrics

    /** Dashboard panels over the data's last hour: one or five services, raw or minute resolution, as Grafana asks. */
    private void metrics(int clients, Duration duration) throws Exception {
        Instant to = data.end;
        Instant from = to.minus(Duration.ofHours(1));
        IntFunction<String> panel = i -> {
            int s = i % BenchData.SERVICES;
            String metric = BenchData.METRICS.get((i / BenchData.SERVICES) % BenchData.METRICS.size());
            return switch (i % 4) {
                // Grafana's interval for 1 h at 1000 points is 5 s: raw samples.
                case 0 -> body(from, to, "metrics", "{\"resource\":\"" + BenchData.service(s) + "\",\"metric\":\"" + metric + "\"}", 5_000L, 1000);
                case 1 -> body(from, to, "metrics", "{\"resource\":[" + fiveServices(s) + "],\"metric\":\"" + metric + "\",\"stat\":\"p95\"}",
                        5_000L, 1000);
                case 2 -> body(from, to, "metrics", "{\"resource\":\"" + BenchData.service(s) + "\",\"metric\":\"" + metric
                        + "\",\"resolution\":\"1m\"}", 5_000L, 1000);
                default -> body(from, to, "metrics", "{\"resource\":[" + fiveServices(s) + "],\"metric\":\"" + metric + "\",\"stat\":\"max\"}",
                        60_000L, 1000);
            };
        };
        http.run(clients, Integer.MAX_VALUE, Duration.ofSeconds(3), panel);
        CpuMeter.Snapshot before = cpu.snapshot();
        HttpLoad.Result load = http.run(clients, Integer.MAX_VALUE, duration, panel);
        CpuMeter.Usage usage = cpu.since(before);
        failOn("metrics", load);
        double seconds = load.elapsedNanos() / 1e9;
        double jvmMs = usage.jvm() * seconds * 1000 / load.count();
        double databaseMs = usage.database() * seconds * 1000 / load.count();
        notes.add(String.format(Locale.ROOT, "metrics CPU cost: %.1f ms per request (this JVM, backend and loader: %.1f; PostgreSQL: %.1f),"
                + " so %d idle cores would serve at most %.0f req/s with the loader on the same machine", jvmMs + databaseMs, jvmMs,
                databaseMs, cpu.cores(), cpu.cores() * 1000 / (jvmMs + databaseMs)));
        figures.add(new Figure(String.format(Locale.ROOT, "metrics, %d clients × %d s, %d requests", clients, duration.toSeconds(), load.count()),
                "≥ 500 req/s, p99 < 100 ms", String.format(Locale.ROOT, "%.0f req/s; %s", load.perSecond(), latencies(load, false)),
                load.perSecond() >= 500 && load.percentileMs(99) < 100, usage));
    }

    private static String fiveServices(int first) {
        List<String> urns = new ArrayList<>();
        for (int k = 0; k < 5; k++) {
            urns.add("\"" + BenchData.service((first + k) % BenchData.SERVICES) + "\"");
        }
        return String.join(",", urns);
    }

    // ---------------------------------------------------------------------------------------------------- topology, evidence

    private void topologyAndEvidence() throws Exception {
        Instant from = data.end.minus(Duration.ofHours(1));
        Instant to = data.end;
        // What a Node Graph panel sends by default: the whole tenant, capped at TopologyQuery.LIMIT_DEFAULT nodes.
        graphFigure("topology at T, whole tenant, all relations, default limit", 100, body(from, to, "topology", "{}", null, null));
        largestTopology(body(from, to, "topology", "{\"limit\":" + QueryLimits.MAX_GRAPH_NODES_DEFAULT + "}", null, null));
        uncappedTopology(to);
        graphFigure("topology at T, whole tenant, CALLS", 100, body(from, to, "topology", "{\"relation\":\"CALLS\"}", null, null));
        graphFigure("topology 2-hop neighbourhood of a service (AGE)", 100,
                body(from, to, "topology", "{\"resource\":\"" + BenchData.service(BenchData.CULPRIT) + "\",\"hops\":2}", null, null));
        graphFigure("topology 2-hop impact of a host (AGE)", 100,
                body(from, to, "topology", "{\"resource\":\"" + BenchData.host(51) + "\",\"hops\":2,\"mode\":\"impact\"}", null, null));
        List<String> evidence = data.incidents.stream()
                .map(id -> body(from, to, "evidence", "{\"event_id\":\"" + id + "\"}", null, null)).toList();
        measureGraph(String.format(Locale.ROOT, "evidence chain of an incident (%.0f links on average)",
                (double) data.counts.get("evidence_link") / data.incidents.size()), 200, i -> evidence.get(i % evidence.size()));
    }

    private void graphFigure(String name, int requests, String body) throws Exception {
        JsonNode frames = Json.MAPPER.readTree(http.post(body));
        int nodes = frames.get(0).at("/fields/0/values").size();
        int edges = frames.size() > 1 ? frames.get(1).at("/fields/0/values").size() : 0;
        JsonNode custom = frames.get(0).at("/meta/custom");
        String of = custom.path("truncated").asBoolean()
                ? String.format(Locale.ROOT, " [%d of %d nodes, %d of %d edges]", nodes, custom.get("nodes").asInt(), edges, custom.get("edges").asInt())
                : String.format(Locale.ROOT, " [%d nodes, %d edges]", nodes, edges);
        measureGraph(name + of, requests, i -> body);
    }

    /** Information, not a figure: the whole tenant at the largest limit a request may ask for. */
    private void largestTopology(String body) throws Exception {
        JsonNode frames = Json.MAPPER.readTree(http.post(body));
        http.run(GRAPH_CLIENTS, 4, Duration.ofSeconds(10), i -> body);
        HttpLoad.Result result = http.run(GRAPH_CLIENTS, 40, Duration.ofSeconds(20), i -> body);
        failOn("largest topology", result);
        notes.add(String.format(Locale.ROOT, "topology at T, whole tenant, limit %d (the largest; information, not a figure) [%d nodes, %d"
                + " edges], %d clients: %s", QueryLimits.MAX_GRAPH_NODES_DEFAULT, frames.get(0).at("/fields/0/values").size(),
                frames.get(1).at("/fields/0/values").size(), GRAPH_CLIENTS, latencies(result, false)));
    }

    /**
     * Information, not a figure: every edge at T, uncapped, as the analyst function topology_at reads it (SQL only, no JSON)
     * — what the whole-tenant query read before it had a limit.
     */
    private void uncappedTopology(Instant at) {
        long[] nanos = new long[10];
        for (int i = 0; i < nanos.length; i++) {
            long t0 = System.nanoTime();
            db.fetchValue("SELECT count(*) FROM rootscope.topology_at(?::text, ?::timestamptz)", BenchData.TENANT, at.toString());
            nanos[i] = System.nanoTime() - t0;
        }
        java.util.Arrays.sort(nanos);
        notes.add(String.format(Locale.ROOT, "uncapped whole-tenant topology at T (topology_at, every edge, SQL only, 1 client): median %.1f ms,"
                + " max %.1f ms over %d calls", nanos[nanos.length / 2] / 1e6, nanos[nanos.length - 1] / 1e6, nanos.length));
    }

    private void measureGraph(String name, int requests, IntFunction<String> bodies) throws Exception {
        http.run(GRAPH_CLIENTS, Math.max(4, requests / 10), Duration.ofSeconds(10), bodies);
        CpuMeter.Snapshot before = cpu.snapshot();
        HttpLoad.Result result = http.run(GRAPH_CLIENTS, requests, Duration.ofSeconds(20), bodies);
        CpuMeter.Usage usage = cpu.since(before);
        failOn(name, result);
        figures.add(new Figure(name + ", " + GRAPH_CLIENTS + " clients", "p95 < 50 ms", latencies(result, false),
                result.percentileMs(95) < 50, usage));
    }

    // ---------------------------------------------------------------------------------------------------- report

    private void report() {
        System.out.println();
        System.out.println("Rootscope backend figures (HTTP on loopback; " + cpu.cores() + " cores; load at the end " + CpuMeter.loadAverage() + ")");
        String format = "%-84s %-26s %-52s %s%n";
        System.out.printf(Locale.ROOT, format, "figure", "target", "measured", "verdict");
        System.out.println("-".repeat(84 + 26 + 52 + 10));
        int contended = 0;
        for (Figure figure : figures) {
            System.out.printf(Locale.ROOT, format, figure.name(), figure.target(), figure.measured(), figure.pass() ? "PASS" : "MISS");
            System.out.printf(Locale.ROOT, "    %s%n", figure.cpu());
            contended += figure.cpu().contended() ? 1 : 0;
        }
        System.out.println();
        notes.forEach(System.out::println);
        System.out.println(contended > 0
                ? "CPU-contended: yes, " + contended + " of " + figures.size() + " figures — other processes used more than 0.3 core"
                        + " during their phase (CPU-CONTENDED above); those figures understate the backend on a quiet machine."
                : "CPU-contended: no — other processes used under 0.3 core during every phase.");
    }

    private static String latencies(HttpLoad.Result result, boolean withMax) {
        return String.format(Locale.ROOT, "p50 %.1f, p95 %.1f, p99 %.1f%s ms", result.percentileMs(50), result.percentileMs(95),
                result.percentileMs(99), withMax ? String.format(Locale.ROOT, ", max %.1f", result.maxMs()) : "");
    }

    private static void failOn(String phase, HttpLoad.Result result) {
        if (result.failures() > 0 || result.count() == 0) {
            throw new IllegalStateException(phase + ": " + result.failures() + " of " + (result.failures() + result.count())
                    + " requests failed; first: " + result.firstFailure());
        }
    }

    private static String firstValue(JsonNode frame, String field) {
        for (JsonNode f : frame.get("fields")) {
            if (f.get("name").asText().equals(field)) {
                return f.get("values").get(0).asText();
            }
        }
        throw new IllegalStateException("no field " + field + " in " + frame);
    }

    private static String body(Instant from, Instant to, String kind, String payload, Long intervalMs, Integer maxDataPoints) {
        return "{\"range\":{\"from\":\"" + from + "\",\"to\":\"" + to + "\"}"
                + (intervalMs == null ? "" : ",\"intervalMs\":" + intervalMs)
                + (maxDataPoints == null ? "" : ",\"maxDataPoints\":" + maxDataPoints)
                + ",\"targets\":[{\"refId\":\"A\",\"target\":\"" + kind + "\",\"payload\":" + payload + "}]}";
    }
}
