package io.rootscope.backend.etl.parse;

import io.rootscope.analytics.aggregation.LogPatternCounter;
import io.rootscope.analytics.aggregation.MetricRollup;
import io.rootscope.analytics.aggregation.SeriesKey;
import io.rootscope.analytics.aggregation.ServiceCallStatistics;
import io.rootscope.analytics.logs.DrainTemplateMiner;
import io.rootscope.analytics.logs.GroupingAccuracy;
import io.rootscope.analytics.logs.LogEntry;
import io.rootscope.analytics.logs.LogTemplateBatch;
import io.rootscope.analytics.logs.SyntheticLogCorpus;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The ingest benchmark of one five-minute window: 100k OTLP/JSON log records and 20k OTLP/JSON spans (plus
 * 20k metric samples) go through parsing, Drain template mining, log-pattern counts, call derivation, call
 * statistics and the minute rollup. Prints the elapsed time of that processing, the peak heap used during it
 * (the sum of the heap pools' peaks, an upper bound), and Drain's grouping accuracy on the known-template log
 * corpus. Inputs are generated beforehand with a fixed seed and are not timed, but stay on the heap. The CPU
 * time of the processing thread is printed too: on a shared machine the elapsed time also measures the load.
 *
 * <p>Run from the repository root (argument: number of runs, default 1; the first is cold):
 * <pre>
 * ./mvnw -q -pl datasource-backend -am test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -Xmx200m -cp "$(cat datasource-backend/target/cp.txt):analytics/target/classes:datasource-backend/target/classes:datasource-backend/target/test-classes" \
 *     io.rootscope.backend.etl.parse.IngestParseBenchmark
 * </pre>
 */
public final class IngestParseBenchmark {

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

    private IngestParseBenchmark() {
    }

    /** What one run produced, to print and to keep the work from being optimised away. */
    private record Outcome(int logRecords, int logRejects, int templates, double groupingAccuracy, int patternBuckets,
                           int spans, int spanRejects, int calls, int callBuckets, int metricBuckets) {
    }

    public static void main(String[] args) throws IOException {
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
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int run = 1; run <= runs; run++) {
            System.gc();
            List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
            heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
            long cpuStarted = threads.getCurrentThreadCpuTime();
            long started = System.nanoTime();
            Outcome outcome = process(logPayloads, trueTemplates, tracePayloads);
            long elapsedMillis = (System.nanoTime() - started) / NANOS_PER_MILLI;
            long cpuMillis = (threads.getCurrentThreadCpuTime() - cpuStarted) / NANOS_PER_MILLI;
            long peakHeap = heapPools.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
            System.out.printf("run %d: %d ms elapsed (%d ms CPU of the processing thread), peak heap used %d MB%n"
                    + "  %s%n", run, elapsedMillis, cpuMillis, peakHeap >> 20, outcome);
        }
    }

    private static Outcome process(List<byte[]> logPayloads, int[] trueTemplates, List<byte[]> tracePayloads)
            throws IOException {
        OtlpLogParser logParser = new OtlpLogParser();
        List<ParsedLogRecord> records = new ArrayList<>(LOG_RECORDS);
        int logRejects = 0;
        for (byte[] payload : logPayloads) {
            ParseResult<ParsedLogRecord> result = logParser.parse(new ByteArrayInputStream(payload));
            records.addAll(result.accepted());
            logRejects += result.rejects().size();
        }
        List<LogEntry> entries = new ArrayList<>(records.size());
        for (ParsedLogRecord record : records) {
            entries.add(new LogEntry(record.body(), record.severity()));
        }
        LogTemplateBatch mined = new DrainTemplateMiner().mine(entries);
        LogPatternCounter patternCounter = new LogPatternCounter();
        long[] predicted = new long[records.size()];
        for (int i = 0; i < records.size(); i++) {
            patternCounter.add(records.get(i).service().name(), records.get(i).timeUnixNano() / NANOS_PER_MILLI,
                    mined.lines().get(i));
            predicted[i] = mined.lines().get(i).template().fingerprint();
        }

        OtlpTraceParser traceParser = new OtlpTraceParser();
        List<ParsedSpan> spans = new ArrayList<>(TRACES * 4);
        int spanRejects = 0;
        for (byte[] payload : tracePayloads) {
            ParseResult<ParsedSpan> result = traceParser.parse(new ByteArrayInputStream(payload));
            spans.addAll(result.accepted());
            spanRejects += result.rejects().size();
        }
        ServiceCalls calls = new ServiceCallExtractor().extract(spans);
        ServiceCallStatistics callStatistics = new ServiceCallStatistics();
        for (ServiceCall call : calls.calls()) {
            callStatistics.add(call.caller().name(), call.callee().name(), call.startUnixNano() / NANOS_PER_MILLI,
                    (double) call.durationNanos() / NANOS_PER_MILLI, call.error());
        }

        MetricRollup rollup = new MetricRollup();
        long windowStartMillis = WINDOW_START_NANOS / NANOS_PER_MILLI;
        for (int series = 0; series < METRIC_SERIES; series++) {
            SeriesKey key = new SeriesKey("urn:k8s:pod:shop/pod-" + series, "cpu");
            for (int sample = 0; sample < SAMPLES_PER_SERIES; sample++) {
                rollup.add(key, windowStartMillis + sample * 3_000L, (series * 31 + sample * 17) % 100 / 100.0);
            }
        }
        return new Outcome(records.size(), logRejects, mined.templates().size(),
                trueTemplates.length == predicted.length ? GroupingAccuracy.of(trueTemplates, predicted) : Double.NaN,
                patternCounter.buckets().size(), spans.size(), spanRejects, calls.calls().size(),
                callStatistics.buckets().size(), rollup.buckets().size());
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
