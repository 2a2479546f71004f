package io.rootscope.backend.ingest;

import io.rootscope.analytics.logs.GroupingAccuracy;
import io.rootscope.analytics.logs.SyntheticLogCorpus;
import io.rootscope.analytics.topology.ResourceKind;
import io.rootscope.analytics.topology.Urn;
import io.rootscope.backend.etl.TestTenant;
import io.rootscope.backend.etl.aggregate.StagedTelemetryJob;
import io.rootscope.backend.etl.parse.ParseReject;
import io.rootscope.backend.etl.runtime.EtlWindow;
import io.rootscope.backend.etl.runtime.JobContext;
import io.rootscope.backend.etl.runtime.WindowSchedule;
import io.rootscope.backend.etl.write.MetricMinuteRollup;
import io.rootscope.backend.etl.write.MetricSampleRow;
import io.rootscope.backend.etl.write.MetricSampleWriter;
import io.rootscope.backend.etl.write.ObservedResource;
import io.rootscope.backend.etl.write.ResourceResolver;
import io.rootscope.backend.testing.ProcessCpu;
import io.rootscope.backend.testing.Rows;
import io.rootscope.backend.testing.TestDatabase;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.sql.DataSource;

/**
 * The ingest benchmark of one five-minute window through the production path, on a test database of its own:
 * 100k OTLP/JSON log records and 20k OTLP/JSON spans pushed through {@link TelemetryIngestor} (parsing, Drain
 * template mining, staging into {@code log_event} and {@code span_call}) and 20k metric samples written as the
 * Prometheus job writes them ({@link MetricSampleWriter}'s COPY); then the window's aggregation in SQL, in one
 * transaction as the ETL runs it: {@link StagedTelemetryJob}'s call statistics and log-pattern counts and the
 * {@link MetricMinuteRollup}. Each run has a tenant of its own and a new ingestor and resolver, so Drain and the
 * resource cache start cold.
 *
 * <p>Prints per run the elapsed time of ingest and of aggregation, the CPU time of this JVM and of the
 * database's backends (on a shared machine elapsed time also measures the load), the peak heap used (the sum of
 * the heap pools' peaks, an upper bound), the rows written, and Drain's grouping accuracy on the known-template
 * corpus, read back from the stored events. Inputs are generated beforehand with a fixed seed and are not timed,
 * but stay on the heap. Run: {@code ./rootscope bench ingest [RUNS]} (in a 200 MB heap; the first run is cold).
 */
public final class IngestBenchmark {

    private static final int LOG_RECORDS = 100_000;
    private static final int LOG_PAYLOADS = 10;
    private static final int TRACES = 5_000;
    private static final int TRACES_PER_PAYLOAD = 1_000;
    private static final int METRIC_SERIES = 200;
    private static final int SAMPLES_PER_SERIES = 100;
    private static final String[] SERVICES = {"frontend", "cart", "checkout", "payment", "shipping"};
    private static final long WINDOW_START_NANOS = 1_767_261_600_000_000_000L;
    private static final long WINDOW_NANOS = 300_000_000_000L;
    private static final long NANOS_PER_MILLI = 1_000_000L;
    private static final EtlWindow WINDOW = new EtlWindow(Instant.ofEpochSecond(0, WINDOW_START_NANOS),
            Instant.ofEpochSecond(0, WINDOW_START_NANOS + WINDOW_NANOS));
    private static final WindowSchedule SCHEDULE = new WindowSchedule(Duration.ofNanos(WINDOW_NANOS), Duration.ZERO, Duration.ZERO, 1);

    private IngestBenchmark() {
    }

    /** What the pushes and writes of one run reported. */
    private record Staged(TelemetryIngestor.Summary logs, TelemetryIngestor.Summary traces, long samples) {
    }

    /** One push of {@link TelemetryIngestor}. */
    private interface Push {
        TelemetryIngestor.Summary push(long tenantId, InputStream json) throws IOException, SQLException;
    }

    /** What one run stored, to print and to check the work was done. */
    private record Outcome(Staged staged, long templates, long callRows, long patternRows, long minuteRows,
                           double groupingAccuracy) {
    }

    public static void main(String[] args) throws IOException, SQLException {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        Random random = new Random(42);
        List<SyntheticLogCorpus.Line> corpus = new SyntheticLogCorpus(random).generate(LOG_RECORDS);
        int[] trueTemplates = corpus.stream().mapToInt(SyntheticLogCorpus.Line::template).toArray();
        List<byte[]> logPayloads = logPayloads(corpus);
        corpus = null; // only the payloads and labels are inputs to the run
        List<byte[]> tracePayloads = tracePayloads(random);
        System.out.printf("heap max %d MB; inputs: %d log records in %d payloads (%d MB JSON), %d spans in %d payloads"
                        + " (%d MB JSON), %d metric samples%n", Runtime.getRuntime().maxMemory() >> 20, LOG_RECORDS,
                LOG_PAYLOADS, megabytes(logPayloads), TRACES * 4, tracePayloads.size(), megabytes(tracePayloads),
                METRIC_SERIES * SAMPLES_PER_SERIES);
        try (TestDatabase database = TestDatabase.createMigrated()) {
            DataSource db = database.dataSource();
            for (int run = 1; run <= runs; run++) {
                long tenantId = TestTenant.create(db, "ingest").id();
                System.gc();
                List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                        .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
                heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
                double jvmCpu = ProcessCpu.jvmSeconds();
                double databaseCpu = databaseCpu(db);
                long started = System.nanoTime();
                Staged staged = ingest(db, tenantId, logPayloads, tracePayloads);
                long ingested = System.nanoTime();
                aggregate(db, tenantId);
                long aggregated = System.nanoTime();
                jvmCpu = ProcessCpu.jvmSeconds() - jvmCpu;
                databaseCpu = databaseCpu(db) - databaseCpu;
                long peakHeap = heapPools.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
                System.out.printf("run %d: ingest %d ms + aggregate %d ms = %d ms elapsed (CPU: JVM %.1f s, database %.1f s),"
                                + " peak heap used %d MB%n  %s%n", run, (ingested - started) / NANOS_PER_MILLI,
                        (aggregated - ingested) / NANOS_PER_MILLI, (aggregated - started) / NANOS_PER_MILLI, jvmCpu,
                        databaseCpu, peakHeap >> 20, outcome(db, tenantId, staged, trueTemplates));
            }
        }
    }

    private static Staged ingest(DataSource db, long tenantId, List<byte[]> logPayloads, List<byte[]> tracePayloads)
            throws IOException, SQLException {
        ResourceResolver resources = new ResourceResolver(db);
        TelemetryIngestor ingestor = new TelemetryIngestor(db, resources);
        TelemetryIngestor.Summary logs = pushAll(tenantId, logPayloads, ingestor::ingestLogs);
        TelemetryIngestor.Summary traces = pushAll(tenantId, tracePayloads, ingestor::ingestTraces);
        List<MetricSampleRow> samples = new ArrayList<>(METRIC_SERIES * SAMPLES_PER_SERIES);
        for (int series = 0; series < METRIC_SERIES; series++) {
            long pod = resources.resolve(tenantId, ObservedResource.of(new Urn(ResourceKind.K8S_POD, "shop", "pod-" + series), "pod"));
            for (int sample = 0; sample < SAMPLES_PER_SERIES; sample++) {
                samples.add(new MetricSampleRow(pod, "cpu", WINDOW.from().plusSeconds(sample * 3L), (series * 31 + sample * 17) % 100 / 100.0));
            }
        }
        long written;
        try (Connection connection = db.getConnection()) {
            connection.setAutoCommit(false);
            written = new MetricSampleWriter().write(connection, tenantId, samples);
            connection.commit();
        }
        return new Staged(logs, traces, written);
    }

    private static TelemetryIngestor.Summary pushAll(long tenantId, List<byte[]> payloads, Push push) throws IOException, SQLException {
        long accepted = 0;
        List<ParseReject> rejects = new ArrayList<>();
        long staged = 0;
        long truncated = 0;
        for (byte[] payload : payloads) {
            TelemetryIngestor.Summary summary = push.push(tenantId, new ByteArrayInputStream(payload));
            accepted += summary.accepted();
            rejects.addAll(summary.rejects());
            staged += summary.staged();
            truncated += summary.truncated();
        }
        return new TelemetryIngestor.Summary(accepted, rejects, staged, truncated);
    }

    private static void aggregate(DataSource db, long tenantId) throws SQLException {
        try (Connection connection = db.getConnection()) {
            connection.setAutoCommit(false);
            JobContext context = new JobContext(tenantId, WINDOW, connection);
            StagedTelemetryJob.traceCalls(SCHEDULE).run(context);
            StagedTelemetryJob.logPatternCounts(SCHEDULE).run(context);
            new MetricMinuteRollup().rollup(connection, tenantId, List.of("cpu"), WINDOW.from(), WINDOW.to(), null);
            connection.commit();
        }
    }

    private static Outcome outcome(DataSource db, long tenantId, Staged staged, int[] trueTemplates) throws SQLException {
        String tenant = " WHERE tenant_id = " + tenantId;
        // Log times grow with the corpus line, so the stored events in time order line up with the true templates.
        long[] predicted = Rows.column(db, "SELECT pattern_id FROM log_event" + tenant + " ORDER BY ts").stream()
                .mapToLong(Long::parseLong).toArray();
        return new Outcome(staged, count(db, "log_pattern" + tenant), count(db, "service_call_5m" + tenant),
                count(db, "log_pattern_5m" + tenant), count(db, "metric_1m" + tenant),
                predicted.length == trueTemplates.length ? GroupingAccuracy.of(trueTemplates, predicted) : Double.NaN);
    }

    private static long count(DataSource db, String from) throws SQLException {
        return Long.parseLong(Rows.single(db, "SELECT count(*) FROM " + from));
    }

    private static double databaseCpu(DataSource db) throws SQLException {
        try (Connection connection = db.getConnection()) {
            return ProcessCpu.databaseSeconds(connection);
        }
    }

    /** The corpus as OTLP/JSON log requests, in corpus order: consecutive blocks of lines per service. */
    private static List<byte[]> logPayloads(List<SyntheticLogCorpus.Line> corpus) {
        List<byte[]> payloads = new ArrayList<>(LOG_PAYLOADS);
        int perPayload = corpus.size() / LOG_PAYLOADS;
        int perService = perPayload / SERVICES.length;
        for (int payload = 0; payload < LOG_PAYLOADS; payload++) {
            StringBuilder json = new StringBuilder(perPayload * 200).append("{\"resourceLogs\":[");
            for (int s = 0; s < SERVICES.length; s++) {
                json.append(s == 0 ? "" : ",").append("{\"resource\":").append(resource(SERVICES[s]))
                        .append(",\"scopeLogs\":[{\"logRecords\":[");
                for (int r = 0; r < perService; r++) {
                    int line = payload * perPayload + s * perService + r;
                    long time = WINDOW_START_NANOS + WINDOW_NANOS * line / corpus.size();
                    json.append(r == 0 ? "" : ",").append("{\"timeUnixNano\":\"").append(time)
                            .append("\",\"body\":{\"stringValue\":\"").append(escape(corpus.get(line).message()))
                            .append("\"}}");
                }
                json.append("]}]}");
            }
            payloads.add(json.append("]}").toString().getBytes(StandardCharsets.UTF_8));
        }
        return payloads;
    }

    /**
     * Traces of four spans — frontend SERVER, its CLIENT call, the callee's SERVER span, and the callee's
     * CLIENT call to an uninstrumented redis — as OTLP/JSON trace requests.
     */
    private static List<byte[]> tracePayloads(Random random) {
        List<byte[]> payloads = new ArrayList<>();
        for (int first = 0; first < TRACES; first += TRACES_PER_PAYLOAD) {
            StringBuilder frontend = new StringBuilder();
            StringBuilder callee = new StringBuilder();
            for (int trace = first; trace < first + TRACES_PER_PAYLOAD; trace++) {
                String traceId = String.format("%032x", trace + 1);
                long start = WINDOW_START_NANOS + WINDOW_NANOS * trace / TRACES;
                long calleeMillis = 5 + random.nextInt(200);
                boolean error = random.nextInt(50) == 0;
                String sep = frontend.length() == 0 ? "" : ",";
                frontend.append(sep).append(span(traceId, trace, 1, 0, 2, start, calleeMillis + 20, false, null))
                        .append(',').append(span(traceId, trace, 2, 1, 3, start + 1, calleeMillis + 10, error, null));
                callee.append(sep).append(span(traceId, trace, 3, 2, 2, start + 2, calleeMillis, error, null))
                        .append(',').append(span(traceId, trace, 4, 3, 3, start + 3, 2, false, "redis"));
            }
            String json = "{\"resourceSpans\":[{\"resource\":" + resource("frontend")
                    + ",\"scopeSpans\":[{\"spans\":[" + frontend + "]}]},{\"resource\":"
                    + resource(SERVICES[1 + first / TRACES_PER_PAYLOAD % (SERVICES.length - 1)])
                    + ",\"scopeSpans\":[{\"spans\":[" + callee + "]}]}]}";
            payloads.add(json.getBytes(StandardCharsets.UTF_8));
        }
        return payloads;
    }

    private static String span(String traceId, int trace, int index, int parentIndex, int kind, long start,
                               long durationMillis, boolean error, String peer) {
        return "{\"traceId\":\"" + traceId + "\",\"spanId\":\"" + spanId(trace, index) + "\",\"parentSpanId\":\""
                + (parentIndex == 0 ? "" : spanId(trace, parentIndex)) + "\",\"name\":\"op\",\"kind\":" + kind
                + ",\"startTimeUnixNano\":\"" + start + "\",\"endTimeUnixNano\":\""
                + (start + durationMillis * NANOS_PER_MILLI) + "\",\"status\":{\"code\":" + (error ? 2 : 0) + "}"
                + (peer == null ? "" : ",\"attributes\":[{\"key\":\"peer.service\",\"value\":{\"stringValue\":\""
                + peer + "\"}}]") + "}";
    }

    private static String spanId(int trace, int index) {
        return String.format("%012x%04x", trace + 1, index);
    }

    private static String resource(String service) {
        return "{\"attributes\":[{\"key\":\"service.name\",\"value\":{\"stringValue\":\"" + service + "\"}}]}";
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static long megabytes(List<byte[]> payloads) {
        return payloads.stream().mapToLong(payload -> payload.length).sum() >> 20;
    }
}
