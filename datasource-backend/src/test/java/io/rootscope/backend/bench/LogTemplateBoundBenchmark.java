package io.rootscope.backend.bench;

import io.rootscope.backend.etl.TestTenant;
import io.rootscope.backend.etl.aggregate.StagedTelemetryJob;
import io.rootscope.backend.etl.parse.ServiceRef;
import io.rootscope.backend.etl.runtime.EtlWindow;
import io.rootscope.backend.etl.runtime.JobContext;
import io.rootscope.backend.etl.runtime.WindowSchedule;
import io.rootscope.backend.etl.write.ResourceResolver;
import io.rootscope.analytics.logs.LogMessageLimits;
import io.rootscope.backend.ingest.TelemetryIngestor;
import io.rootscope.backend.testing.Rows;
import io.rootscope.backend.testing.TestBackend;
import io.rootscope.backend.testing.TestDatabase;
import java.io.StringReader;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * A 32 MiB text-log line (the default body limit) beside 2,000 ordinary lines, pushed through {@link TelemetryIngestor}
 * on a test database of its own, then {@code log_patterns} with a {@code search} over HTTP: prints the longest stored
 * template and sample message next to their bounds ({@link LogMessageLimits}) and the search's latency next to its
 * target. Before the bound the line became one template of 33 million characters and the search timed out (504).
 * Run in the test classpath: {@code java ... io.rootscope.backend.bench.LogTemplateBoundBenchmark [SEARCHES]}.
 */
public final class LogTemplateBoundBenchmark {

    private static final Instant WINDOW_START = Instant.parse("2026-01-01T10:00:00Z");
    private static final int ORDINARY_LINES = 2_000;
    private static final double SEARCH_TARGET_MS = 100;

    private LogTemplateBoundBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int searches = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        try (TestDatabase database = TestDatabase.createMigrated()) {
            DataSource db = database.dataSource();
            TestTenant tenant = TestTenant.create(db, "bound");
            StringBuilder text = new StringBuilder(33 << 20);
            text.append(WINDOW_START).append(" huge ").append("word ".repeat((32 << 20) / 5)).append('\n');
            for (int i = 0; i < ORDINARY_LINES; i++) {
                text.append(WINDOW_START.plusMillis(i)).append(" order ").append(i % 40).append(" step ").append(i)
                        .append(" failed on node-").append(i % 7).append('\n');
            }
            TelemetryIngestor ingestor = new TelemetryIngestor(db, new ResourceResolver(db));
            long started = System.nanoTime();
            TelemetryIngestor.Summary summary = ingestor.ingestTextLogs(tenant.id(), new StringReader(text.toString()),
                    Optional.of(new ServiceRef("carts", "shop")));
            double ingestSeconds = (System.nanoTime() - started) / 1e9;
            try (Connection connection = db.getConnection()) {
                connection.setAutoCommit(false);
                EtlWindow window = new EtlWindow(WINDOW_START, WINDOW_START.plus(Duration.ofMinutes(5)));
                StagedTelemetryJob.logPatternCounts(new WindowSchedule(Duration.ofMinutes(5), Duration.ZERO, Duration.ZERO, 1))
                        .run(new JobContext(tenant.id(), window, connection));
                connection.commit();
            }
            String where = " FROM rootscope.log_pattern WHERE tenant_id = " + tenant.id();
            System.out.printf("pushed %d lines in %.1f s: accepted %d, truncated %d (target 1)%n", ORDINARY_LINES + 1, ingestSeconds,
                    summary.accepted(), summary.truncated());
            System.out.printf("longest template: %s characters (target <= %d)%n", Rows.single(db, "SELECT max(length(pattern))" + where),
                    3 * LogMessageLimits.MINED_MAX_CHARS + LogMessageLimits.MARKER.length());
            System.out.printf("longest sample message: %s characters (target <= %d)%n", Rows.single(db, "SELECT max(length(sample_message))" + where),
                    LogMessageLimits.STORED_MAX_CHARS + LogMessageLimits.MARKER.length());
            try (TestBackend backend = new TestBackend(database, Optional.empty())) {
                String body = TestBackend.queryBody(WINDOW_START, WINDOW_START.plus(Duration.ofHours(1)), "log_patterns", "{\"search\": \"word\"}");
                backend.post("/query", body, tenant.code());
                double[] millis = new double[searches];
                for (int i = 0; i < searches; i++) {
                    long start = System.nanoTime();
                    TestBackend.Response response = backend.post("/query", body, tenant.code());
                    millis[i] = (System.nanoTime() - start) / 1e6;
                    if (response.status() != 200) {
                        throw new IllegalStateException("log_patterns search answered " + response.status() + ": " + response.text());
                    }
                }
                Arrays.sort(millis);
                System.out.printf("log_patterns search over %d runs after one to warm up: p50 %.1f ms, max %.1f ms (target p50 < %.0f ms)%n", searches,
                        millis[searches / 2], millis[searches - 1], SEARCH_TARGET_MS);
            }
        }
    }
}
