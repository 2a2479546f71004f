package io.rootscope.backend.bench;

// Run: ./rootscope bench otlp [REQUESTS] [CLIENTS] (default 40 requests from 1 client);
// JAVA_OPTS=-Drootscope.bench.only=protobuf (or JSON, gRPC, traces, logs, metrics) runs the variants whose name contains it.

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.MethodDescriptor;
import io.grpc.stub.ClientCalls;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.LogsServiceGrpc;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.MetricsServiceGrpc;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
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
import io.rootscope.backend.testing.RawGrpc;
import io.rootscope.backend.testing.TestBackend;
import io.rootscope.backend.testing.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * The OTLP ingest figures of issue 13: on a fresh database (dropped at the end), the real backend takes
 * {@code /v1/traces}, {@code /v1/logs} and {@code /v1/metrics} batches (2,000 spans — 1,000 client calls and their server
 * children — 2,000 log records, or 2,000 gauge data points of 2,000 series, each export a new time of the same series)
 * from one client (or CLIENTS at once), in protobuf and in JSON, and the same protobuf batches over OTLP/gRPC
 * ({@code TraceService/Export}, {@code LogsService/Export}, {@code MetricsService/Export}). Printed per variant:
 * spans/s, log records/s or data points/s, and the CPU milliseconds per 1k records of this JVM (backend and clients;
 * the bodies are built before the clock starts) and of PostgreSQL; then each signal's protobuf CPU next to its JSON's,
 * and the load averages at the start and the end (on a shared machine, compare only runs under the same load).
 * Targets: protobuf ≥ 50k spans/s and ≥ 100k log records/s, gRPC at least as fast (none for metrics beyond remote
 * write's 200k samples/s). A benchmark, not a test.
 */
public final class OtlpIngestBenchmark {

    private static final int BATCH = 1000;
    private static final String NS = "bench";
    private static final AtomicLong IDS = new AtomicLong();
    private static final String PROTOBUF = "application/x-protobuf";
    private static final String JSON = "application/json";

    /** Sends one request body and fails unless it was taken whole. */
    private interface Client extends AutoCloseable {
        void send(byte[] body) throws Exception;

        @Override
        default void close() {
        }
    }

    private record Variant(String name, int recordsPerRequest, IntFunction<byte[]> body, Function<TestBackend, Client> client) {
    }

    private OtlpIngestBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        List<Variant> variants = List.of(
                new Variant("traces protobuf", 2 * BATCH, i -> spans(Instant.now()).toByteArray(), http("/v1/traces", PROTOBUF)),
                new Variant("traces gRPC", 2 * BATCH, i -> spans(Instant.now()).toByteArray(), grpc(TraceServiceGrpc.getExportMethod())),
                new Variant("traces JSON", 2 * BATCH, i -> OtlpBodies.calls(NS, "front-end", "carts", Instant.now(), BATCH), http("/v1/traces", JSON)),
                new Variant("logs protobuf", 2 * BATCH, i -> logs(Instant.now()).toByteArray(), http("/v1/logs", PROTOBUF)),
                new Variant("logs gRPC", 2 * BATCH, i -> logs(Instant.now()).toByteArray(), grpc(LogsServiceGrpc.getExportMethod())),
                new Variant("logs JSON", 2 * BATCH, i -> OtlpBodies.logs(NS, "carts", Instant.now(), 2 * BATCH), http("/v1/logs", JSON)),
                new Variant("metrics protobuf", 2 * BATCH, i -> gauges(Instant.now()).toByteArray(), http("/v1/metrics", PROTOBUF)),
                new Variant("metrics gRPC", 2 * BATCH, i -> gauges(Instant.now()).toByteArray(), grpc(MetricsServiceGrpc.getExportMethod())),
                new Variant("metrics JSON", 2 * BATCH, i -> json(gauges(Instant.now())), http("/v1/metrics", JSON)))
                .stream().filter(v -> v.name().contains(System.getProperty("rootscope.bench.only", ""))).toList();
        try (TestDatabase database = TestDatabase.createMigrated()) {
            try (TestBackend backend = new TestBackend(database, Optional.empty());
                 Connection cpu = database.dataSource().getConnection()) {
                System.out.printf(Locale.ROOT, "%d cores, %d requests of %d records per variant, %d clients; load average %s%n",
                        Runtime.getRuntime().availableProcessors(), requests, 2 * BATCH, clients, loadAverage());
                // Every variant warmed up first, so that none is measured while the JIT compiles the shared ingest path.
                for (Variant variant : variants) {
                    run(backend, cpu, variant, 10, clients, false);
                }
                Map<String, Double> cpuPer1k = new LinkedHashMap<>();
                for (Variant variant : variants) {
                    cpuPer1k.put(variant.name(), run(backend, cpu, variant, requests, clients, true));
                }
                // The protobuf path's cost next to the JSON path's, as issue 13 asks.
                for (String signal : List.of("traces", "logs", "metrics")) {
                    Double protobuf = cpuPer1k.get(signal + " protobuf");
                    Double json = cpuPer1k.get(signal + " JSON");
                    if (protobuf != null && json != null) {
                        System.out.printf(Locale.ROOT, "%-6s CPU per 1k records (JVM + PostgreSQL): protobuf %.1f ms, JSON %.1f ms%n",
                                signal, protobuf, json);
                    }
                }
                System.out.printf(Locale.ROOT, "load average at the end %s%n", loadAverage());
            }
        }
    }

    /** Pushes the variant's requests; returns the CPU milliseconds per 1k records, of this JVM and PostgreSQL together. */
    private static double run(TestBackend backend, Connection cpu, Variant variant, int requests, int clients, boolean print) throws Exception {
        List<byte[]> bodies = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            bodies.add(variant.body().apply(i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        double jvm0 = ProcessCpu.jvmSeconds();
        double db0 = ProcessCpu.databaseSeconds(cpu);
        long t0 = System.nanoTime();
        try (Client client = variant.client().apply(backend)) {
            List<Future<?>> answers = new ArrayList<>();
            for (byte[] body : bodies) {
                answers.add(pool.submit(() -> {
                    client.send(body);
                    return null;
                }));
            }
            for (Future<?> answer : answers) {
                answer.get();
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
        return (jvm + db) * 1000 / thousands;
    }

    /** The machine's load averages (1, 5, 15 minutes): the figures are comparable only between runs under the same load. */
    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** One kept-alive HTTP/1.1 client posting to {@code path}. */
    private static Function<TestBackend, Client> http(String path, String contentType) {
        return backend -> {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            return body -> {
                HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create(backend.url() + path))
                        .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() != 200) {
                    throw new IllegalStateException(path + ": answered " + answer.statusCode() + " " + answer.body());
                }
            };
        };
    }

    /** One gRPC channel calling {@code method} with the bytes as they are (a non-OK status throws). */
    private static Function<TestBackend, Client> grpc(MethodDescriptor<?, ?> method) {
        MethodDescriptor<byte[], byte[]> raw = RawGrpc.bytes(method);
        return backend -> new Client() {
            private final ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", backend.otlpGrpcPort()).usePlaintext().build();

            @Override
            public void send(byte[] body) {
                ClientCalls.blockingUnaryCall(channel, raw, CallOptions.DEFAULT, body);
            }

            @Override
            public void close() {
                channel.shutdownNow();
            }
        };
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
