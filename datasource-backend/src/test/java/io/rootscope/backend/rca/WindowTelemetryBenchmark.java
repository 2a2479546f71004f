package io.rootscope.backend.rca;

import io.rootscope.analytics.rca.DiagnosisWindow;
import io.rootscope.backend.etl.TestTenant;
import io.rootscope.backend.testing.ShopTelemetry;
import io.rootscope.backend.testing.TestDatabase;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * How long the diagnosis takes to load a busy window's spans and log events, and the heap it holds, on a test database of
 * its own: 30 minutes of a three-service shop at {@code TRACES_PER_MINUTE} traces a minute (3 spans and 1–2 log lines
 * each) pushed through the production ingest, so the spans exceed the default cap and are thinned to whole traces.
 * Prints each load's time (the first cold), the spans and log events loaded, the window's retained heap (used heap
 * after GC with and without it) and the peak heap of the loads (the sum of the heap pools' peaks, an upper bound), each
 * next to its target. Run: {@code ./rootscope bench window [RUNS]}.
 */
public final class WindowTelemetryBenchmark {

    private static final int MINUTES = 30;
    private static final int TRACES_PER_MINUTE = 3_400;
    private static final double TARGET_LOAD_SECONDS = 5;
    private static final long TARGET_RETAINED_MB = 150;

    private WindowTelemetryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        try (TestDatabase database = TestDatabase.createMigrated()) {
            DataSource db = database.dataSource();
            long tenantId = TestTenant.create(db, "window").id();
            Instant from = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(MINUTES + 5, ChronoUnit.MINUTES);
            Instant anomalyStart = from.plus(MINUTES * 2 / 3, ChronoUnit.MINUTES);
            ShopTelemetry telemetry = new ShopTelemetry(db, "bench");
            long pushStarted = System.nanoTime();
            for (int minute = 0; minute < MINUTES; minute++) {
                telemetry.push(tenantId, from.plus(minute, ChronoUnit.MINUTES), 1, TRACES_PER_MINUTE, anomalyStart);
            }
            System.out.printf("pushed %d traces (%d spans) and their log lines in %.1f s%n", MINUTES * TRACES_PER_MINUTE,
                    3 * MINUTES * TRACES_PER_MINUTE, (System.nanoTime() - pushStarted) / 1e9);
            DSLContext writer = DSL.using(db, SQLDialect.POSTGRES);
            DiagnosisWindowLoader loader = new DiagnosisWindowLoader(writer);
            Instant to = from.plus(MINUTES, ChronoUnit.MINUTES);
            List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
            double[] seconds = new double[runs];
            DiagnosisWindow window = null;
            long peak = 0;
            for (int run = 0; run < runs; run++) {
                window = null;
                System.gc();
                heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
                long started = System.nanoTime();
                window = loader.load(tenantId, telemetry.urn("front-end"), from, to, Optional.of(anomalyStart)).orElseThrow().window();
                seconds[run] = (System.nanoTime() - started) / 1e9;
                peak = Math.max(peak, heapPools.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum());
                System.out.printf("load %d%s: %.2f s, %d spans, %d log events%n", run + 1, run == 0 ? " (cold)" : "", seconds[run],
                        window.spans().size(), window.logs().size());
            }
            // Where the time goes: the spans and the log events apart.
            WindowTelemetry parts = new WindowTelemetry(writer, DiagnosisSettings.MAX_SPANS_DEFAULT, DiagnosisSettings.MAX_LOG_EVENTS_DEFAULT);
            long started = System.nanoTime();
            int spanCount = parts.spans(tenantId, from, to).size();
            long spansDone = System.nanoTime();
            int logCount = parts.logs(tenantId, from, to).size();
            System.out.printf("spans alone %.2f s (%d), log events alone %.2f s (%d)%n", (spansDone - started) / 1e9, spanCount,
                    (System.nanoTime() - spansDone) / 1e9, logCount);
            long withWindow = usedAfterGc();
            int spans = window.spans().size();
            window = null;
            long retained = withWindow - usedAfterGc();
            double[] warm = Arrays.copyOfRange(seconds, Math.min(1, runs - 1), runs);
            Arrays.sort(warm);
            System.out.printf("load p50 (warm) %.2f s (target < %.0f s, within ROOTSCOPE_QUERY_TIMEOUT_SECONDS' default 10)%n",
                    warm[warm.length / 2], TARGET_LOAD_SECONDS);
            System.out.printf("spans loaded %d of %d (cap %d, whole traces)%n", spans, 3 * MINUTES * TRACES_PER_MINUTE,
                    DiagnosisSettings.MAX_SPANS_DEFAULT);
            System.out.printf("window retained %d MB (target < %d MB); peak heap during the loads %d MB of %d MB%n", retained >> 20,
                    TARGET_RETAINED_MB, peak >> 20, Runtime.getRuntime().maxMemory() >> 20);
        }
    }

    private static long usedAfterGc() {
        System.gc();
        System.gc();
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
