package io.rootscope.backend.bench;

// Run (from the repository root), after `./mvnw -B -q -pl datasource-backend -am test-compile` and building the test
// classpath as BackendBenchmark's header shows:
//   java -cp datasource-backend/target/test-classes:datasource-backend/target/classes:analytics/target/classes:$(cat datasource-backend/target/test.classpath) \
//       io.rootscope.backend.bench.OtlpIngestBenchmark [REQUESTS] [CLIENTS]
// -Drootscope.bench.only=protobuf (or JSON, traces, logs, metrics) runs the variants whose name contains it.

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.rootscope.backend.testing.OtlpBodies;
import io.rootscope.backend.testing.ProcessCpu;
import io.rootscope.backend.testing.TestBackend;
import io.rootscope.backend.testing.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * The OTLP/HTTP ingest figures of issue 13: on a fresh database (dropped at the end), the real backend takes
 * {@code /v1/traces}, {@code /v1/logs} and {@code /v1/metrics} batches (2,000 spans — 1,000 client calls and their server
 * children — 2,000 log records, or 2,000 gauge data points of 2,000 series, each export a new time of the same series)
 * from one client (or CLIENTS at once), in protobuf and in JSON. Printed per variant: spans/s, log records/s or data
 * points/s, and the CPU milliseconds per 1k records of this JVM (backend and clients; the bodies are built before the
 * clock starts) and of PostgreSQL. Targets: protobuf ≥ 50k spans/s and ≥ 100k log records/s (none for metrics beyond
 * remote write's 200k samples/s). A benchmark, not a test.
 */
public final class OtlpIngestBenchmark {

    private static final int BATCH = 1000;
    private static final String NS = "bench";
    private static final AtomicLong IDS = new AtomicLong();

    private record Variant(String name, String path, String contentType, int recordsPerRequest, IntFunction<byte[]> body) {
    }

    private OtlpIngestBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        List<Variant> variants = List.of(
                new Variant("traces protobuf", "/v1/traces", "application/x-protobuf", 2 * BATCH, i -> spans(Instant.now()).toByteArray()),
                new Variant("traces JSON", "/v1/traces", "application/json", 2 * BATCH, i -> OtlpBodies.calls(NS, "front-end", "carts", Instant.now(), BATCH)),
                new Variant("logs protobuf", "/v1/logs", "application/x-protobuf", 2 * BATCH, i -> logs(Instant.now()).toByteArray()),
                new Variant("logs JSON", "/v1/logs", "application/json", 2 * BATCH, i -> OtlpBodies.logs(NS, "carts", Instant.now(), 2 * BATCH)),
                new Variant("metrics protobuf", "/v1/metrics", "application/x-protobuf", 2 * BATCH, i -> gauges(Instant.now()).toByteArray()),
                new Variant("metrics JSON", "/v1/metrics", "application/json", 2 * BATCH, i -> json(gauges(Instant.now()))))
                .stream().filter(v -> v.name().contains(System.getProperty("rootscope.bench.only", ""))).toList();
        try (TestDatabase database = TestDatabase.createEmpty()) {
            database.migrator(Map.of()).migrate();
            try (TestBackend backend = new TestBackend(database, Optional.empty());
                 Connection cpu = database.dataSource().getConnection()) {
                System.out.printf(Locale.ROOT, "%d cores, %d requests of %d records per variant, %d clients%n",
                        Runtime.getRuntime().availableProcessors(), requests, 2 * BATCH, clients);
                // Every variant warmed up first, so that none is measured while the JIT compiles the shared ingest path.
                for (Variant variant : variants) {
                    run(backend, cpu, variant, 10, clients, false);
                }
                for (Variant variant : variants) {
                    run(backend, cpu, variant, requests, clients, true);
                }
            }
        }
    }

    private static void run(TestBackend backend, Connection cpu, Variant variant, int requests, int clients, boolean print) throws Exception {
        List<byte[]> bodies = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            bodies.add(variant.body().apply(i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        double jvm0 = ProcessCpu.jvmSeconds();
        double db0 = ProcessCpu.databaseSeconds(cpu);
        long t0 = System.nanoTime();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        try {
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (byte[] body : bodies) {
                answers.add(pool.submit(() -> client.send(HttpRequest.newBuilder(URI.create(backend.url() + variant.path()))
                        .header("Content-Type", variant.contentType()).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                        HttpResponse.BodyHandlers.ofString())));
            }
            for (Future<HttpResponse<String>> answer : answers) {
                if (answer.get().statusCode() != 200) {
                    throw new IllegalStateException(variant.name() + ": answered " + answer.get().statusCode() + " " + answer.get().body());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        double thousands = requests * (double) variant.recordsPerRequest() / 1000;
        double jvm = ProcessCpu.jvmSeconds() - jvm0;
        double db = ProcessCpu.databaseSeconds(cpu) - db0;
        if (print) {
            long bytes = bodies.stream().mapToLong(b -> b.length).sum() / requests;
            System.out.printf(Locale.ROOT, "%-16s %9.0f records/s  (%d records in %.2f s; %d B per request; CPU per 1k records: JVM %.1f ms, PostgreSQL %.1f ms)%n",
                    variant.name(), thousands * 1000 / seconds, (long) (thousands * 1000), seconds, bytes, jvm * 1000 / thousands, db * 1000 / thousands);
        }
    }

    /** As {@link OtlpBodies#calls}: {@code BATCH} client spans of front-end, each with a server child in carts. */
    private static ExportTraceServiceRequest spans(Instant at) {
        long start = at.getEpochSecond() * 1_000_000_000L + at.getNano();
        ScopeSpans.Builder parents = ScopeSpans.newBuilder();
        ScopeSpans.Builder children = ScopeSpans.newBuilder();
        for (int i = 0; i < BATCH; i++) {
            long id = IDS.incrementAndGet();
            ByteString trace = ByteString.copyFrom(ByteBuffer.allocate(16).putLong(8, id).array());
            ByteString parent = ByteString.copyFrom(ByteBuffer.allocate(8).putLong(2 * id).array());
            Span.Builder span = Span.newBuilder().setTraceId(trace).setName("GET /").setStartTimeUnixNano(start).setEndTimeUnixNano(start + 20_000_000L);
            parents.addSpans(span.clone().setSpanId(parent).setKind(Span.SpanKind.SPAN_KIND_CLIENT));
            children.addSpans(span.clone().setSpanId(ByteString.copyFrom(ByteBuffer.allocate(8).putLong(2 * id + 1).array()))
                    .setParentSpanId(parent).setKind(Span.SpanKind.SPAN_KIND_SERVER));
        }
        return ExportTraceServiceRequest.newBuilder()
                .addResourceSpans(ResourceSpans.newBuilder().setResource(resource("front-end")).addScopeSpans(parents))
                .addResourceSpans(ResourceSpans.newBuilder().setResource(resource("carts")).addScopeSpans(children)).build();
    }

    /** As {@link OtlpBodies#logs}: ERROR records "cart N not found" of carts. */
    private static ExportLogsServiceRequest logs(Instant at) {
        long time = at.getEpochSecond() * 1_000_000_000L + at.getNano();
        ScopeLogs.Builder records = ScopeLogs.newBuilder();
        for (int i = 0; i < 2 * BATCH; i++) {
            records.addLogRecords(LogRecord.newBuilder().setTimeUnixNano(time).setSeverityNumberValue(17).setSeverityText("ERROR")
                    .setBody(AnyValue.newBuilder().setStringValue("cart " + IDS.incrementAndGet() + " not found")));
        }
        return ExportLogsServiceRequest.newBuilder()
                .addResourceLogs(ResourceLogs.newBuilder().setResource(resource("carts")).addScopeLogs(records)).build();
    }

    /** {@code 2 * BATCH} points of one gauge, a series per pod of carts, at a time no export before had. */
    private static ExportMetricsServiceRequest gauges(Instant at) {
        long time = at.getEpochSecond() * 1_000_000_000L + at.getNano() + IDS.incrementAndGet();
        Gauge.Builder gauge = Gauge.newBuilder();
        for (int i = 0; i < 2 * BATCH; i++) {
            gauge.addDataPoints(NumberDataPoint.newBuilder().setTimeUnixNano(time).setAsDouble(i * 0.5)
                    .addAttributes(KeyValue.newBuilder().setKey("k8s.pod.name").setValue(AnyValue.newBuilder().setStringValue("carts-" + i))));
        }
        return ExportMetricsServiceRequest.newBuilder().addResourceMetrics(ResourceMetrics.newBuilder().setResource(resource("carts"))
                .addScopeMetrics(ScopeMetrics.newBuilder().addMetrics(Metric.newBuilder().setName("container.memory.usage").setUnit("By")
                        .setGauge(gauge)))).build();
    }

    private static byte[] json(ExportMetricsServiceRequest request) {
        try {
            return JsonFormat.printer().print(request).getBytes(StandardCharsets.UTF_8);
        } catch (InvalidProtocolBufferException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Resource resource(String service) {
        return Resource.newBuilder()
                .addAttributes(KeyValue.newBuilder().setKey("service.name").setValue(AnyValue.newBuilder().setStringValue(service)))
                .addAttributes(KeyValue.newBuilder().setKey("service.namespace").setValue(AnyValue.newBuilder().setStringValue(NS)))
                .build();
    }
}
