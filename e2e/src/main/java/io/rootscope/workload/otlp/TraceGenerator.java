package io.rootscope.workload.otlp;

import io.rootscope.workload.sim.EdgeLoad;
import io.rootscope.workload.sim.Retransmission;
import io.rootscope.workload.sim.Sampling;
import io.rootscope.workload.sim.ServiceLoad;
import io.rootscope.workload.sim.Tick;
import io.rootscope.workload.sim.TrafficModel;
import io.rootscope.workload.topology.Call;
import io.rootscope.workload.topology.Service;
import io.rootscope.workload.topology.ServiceKind;
import io.rootscope.workload.topology.Topology;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Samples whole traces of a tick's traffic: a server span per instrumented service visited, a client span in
 * the caller for every call (databases are not instrumented, so their calls have only the client span),
 * a producer span for publishing to the broker and a consumer span in the worker that picks the message up.
 * Durations and failures are drawn from the tick's {@link io.rootscope.workload.sim.TrafficPlan}, so traces
 * show the same slowdowns and errors as the metrics.
 */
public final class TraceGenerator {

    public static final int TRACES_PER_TICK_DEFAULT = 2;
    /** {@code error.type} of a call the callee's missing pod refused. */
    static final String CONNECTION_REFUSED = "connection_refused";
    /** {@code error.type} of a call abandoned after repeated packet loss. */
    static final String UPSTREAM_CONNECT_ERROR = "upstream_connect_error";
    /** {@code exception.type} of a request whose code threw. */
    static final String THROWN = "java.lang.IllegalStateException";
    /** Time a worker takes to pick a message off the broker. */
    static final double QUEUE_PICKUP_MS = 3;

    private final Topology topology;
    private final Random random;
    private final int tracesPerTick;

    public TraceGenerator(Topology topology, Random random) {
        this(topology, random, TRACES_PER_TICK_DEFAULT);
    }

    public TraceGenerator(Topology topology, Random random, int tracesPerTick) {
        if (tracesPerTick < 0) {
            throw new IllegalArgumentException("tracesPerTick must be >= 0, got " + tracesPerTick);
        }
        this.topology = topology;
        this.random = random;
        this.tracesPerTick = tracesPerTick;
    }

    public List<SpanRecord> generate(Tick tick) {
        List<SpanRecord> spans = new ArrayList<>();
        Service entry = topology.service(topology.entryService());
        if (!tick.plan().service(entry.name()).ready()) {
            return spans;
        }
        long tickNanos = Math.round(tick.seconds() * 1e9);
        long tickStart = tick.end().getEpochSecond() * 1_000_000_000L + tick.end().getNano() - tickNanos;
        for (int i = 0; i < tracesPerTick; i++) {
            long start = tickStart + (long) (random.nextDouble() * tickNanos);
            new TraceBuilder(tick, hex(16), spans).serve(entry, Optional.empty(), Operations.route(entry, random),
                    start);
        }
        return spans;
    }

    private String hex(int bytes) {
        byte[] id = new byte[bytes];
        random.nextBytes(id);
        return HexFormat.of().formatHex(id);
    }

    private static long nanos(double ms) {
        return Math.max(1_000, Math.round(ms * 1e6));
    }

    /** Builds the spans of one trace. */
    private final class TraceBuilder {
        private final Tick tick;
        private final String traceId;
        private final List<SpanRecord> spans;

        TraceBuilder(Tick tick, String traceId, List<SpanRecord> spans) {
            this.tick = tick;
            this.traceId = traceId;
            this.spans = spans;
        }

        /** Records {@code service} serving one request from {@code start}; returns the server span. */
        SpanRecord serve(Service service, Optional<String> parent, String route, long start) {
            ServiceLoad load = tick.plan().service(service.name());
            String spanId = hex(8);
            Map<String, Object> attributes = new HashMap<>();
            attributes.put("http.request.method", Operations.method(route));
            attributes.put("http.route", Operations.path(route));
            if (random.nextDouble() < load.abortRate()) {
                // The chaos proxy answers before the application sees the request.
                attributes.put("http.response.status_code", 500L);
                SpanRecord aborted = new SpanRecord(traceId, spanId, parent, service.name(), route, SpanKind.SERVER,
                        start, start + nanos(TrafficModel.FAST_FAILURE_MS), true, attributes);
                spans.add(aborted);
                return aborted;
            }
            double own = Sampling.logNormal(random, load.ownLatencyMs(), 0.3);
            if (random.nextDouble() < load.throwRate()) {
                // The code throws after its own work, before the calls it would have made; the framework answers 500.
                attributes.put("http.response.status_code", 500L);
                attributes.put("exception.type", THROWN);
                SpanRecord thrown = new SpanRecord(traceId, spanId, parent, service.name(), route, SpanKind.SERVER,
                        start, start + nanos(own), true, attributes);
                spans.add(thrown);
                return thrown;
            }
            long cursor = start + nanos(own / 2);
            boolean failed = random.nextDouble() < TrafficModel.BACKGROUND_ERROR_PROBABILITY;
            for (Call call : topology.callsFrom(service.name())) {
                if (service.kind() == ServiceKind.WORKER) {
                    continue; // a worker's broker traffic is the message it consumes, recorded by its caller
                }
                int calls = call.sampleCount(random);
                for (int i = 0; i < calls && !failed; i++) {
                    SpanRecord client = call(spanId, call, cursor);
                    cursor = client.endNanos();
                    failed = client.error();
                }
            }
            long end = cursor + nanos(own / 2);
            attributes.put("http.response.status_code", failed ? 500L : 200L);
            SpanRecord server = new SpanRecord(traceId, spanId, parent, service.name(), route, SpanKind.SERVER,
                    start, end, failed, attributes);
            spans.add(server);
            return server;
        }

        private SpanRecord call(String parentId, Call call, long start) {
            Service callee = topology.service(call.callee());
            ServiceLoad calleeLoad = tick.plan().service(callee.name());
            EdgeLoad edge = tick.plan().edge(call.caller(), call.callee());
            String route = Operations.route(callee, random);
            String spanId = hex(8);
            Map<String, Object> attributes = new HashMap<>();
            attributes.put("peer.service", callee.name());
            attributes.put("server.address", callee.fqdn(topology.namespace()));
            SpanKind kind = callee.kind() == ServiceKind.BROKER ? SpanKind.PRODUCER : SpanKind.CLIENT;
            if (callee.kind() == ServiceKind.DATABASE) {
                attributes.put("db.system", callee.runtime());
            } else if (callee.kind() == ServiceKind.BROKER) {
                attributes.put("messaging.system", callee.runtime());
                attributes.put("messaging.destination.name", "shipping-task");
            } else {
                attributes.put("http.request.method", Operations.method(route));
                attributes.put("url.full", "http://" + callee.name() + Operations.path(route));
            }
            String name = Operations.clientSpanName(callee, route);
            if (!calleeLoad.ready()) {
                attributes.put("error.type", CONNECTION_REFUSED);
                return add(new SpanRecord(traceId, spanId, Optional.of(parentId), call.caller(), name, kind, start,
                        start + nanos(TrafficModel.FAST_FAILURE_MS), true, attributes));
            }
            Retransmission request = Retransmission.sample(random, edge.requestLoss());
            Retransmission response = Retransmission.sample(random, edge.responseLoss());
            double network = TrafficModel.MESH_OVERHEAD_MS + edge.networkDelayMs() + request.penaltyMs()
                    + response.penaltyMs();
            long calleeStart = start + nanos(network / 2);
            boolean calleeFailed;
            long calleeEnd;
            if (callee.kind() == ServiceKind.APPLICATION) {
                SpanRecord server = serve(callee, Optional.of(spanId), route, calleeStart);
                calleeFailed = server.error();
                calleeEnd = server.endNanos();
            } else {
                calleeFailed = random.nextDouble() < calleeLoad.errorProbability();
                calleeEnd = calleeStart + nanos(Sampling.logNormal(random, calleeLoad.meanLatencyMs(), 0.3));
            }
            boolean networkFailed = request.failed() || response.failed();
            if (networkFailed) {
                attributes.put("error.type", UPSTREAM_CONNECT_ERROR);
            } else if (calleeFailed && kind == SpanKind.CLIENT && !attributes.containsKey("db.system")) {
                attributes.put("http.response.status_code", 500L);
            }
            SpanRecord client = add(new SpanRecord(traceId, spanId, Optional.of(parentId), call.caller(), name, kind,
                    start, calleeEnd + nanos(network / 2), networkFailed || calleeFailed, attributes));
            if (kind == SpanKind.PRODUCER && !client.error()) {
                consume(client);
            }
            return client;
        }

        /** The worker picking up the message a producer span published. */
        private void consume(SpanRecord producer) {
            topology.consumptions().stream()
                    .filter(c -> c.broker().equals(producer.attributes().get("peer.service")))
                    .filter(c -> tick.plan().service(c.worker()).ready())
                    .forEach(c -> {
                        ServiceLoad worker = tick.plan().service(c.worker());
                        long start = producer.endNanos() + nanos(QUEUE_PICKUP_MS);
                        add(new SpanRecord(traceId, hex(8), Optional.of(producer.spanId()), c.worker(),
                                "shipping-task process", SpanKind.CONSUMER, start,
                                start + nanos(Sampling.logNormal(random, worker.meanLatencyMs(), 0.3)),
                                random.nextDouble() < worker.errorProbability(),
                                Map.of("messaging.system", topology.service(c.broker()).runtime(),
                                        "messaging.destination.name", "shipping-task")));
                    });
        }

        private SpanRecord add(SpanRecord span) {
            spans.add(span);
            return span;
        }
    }
}
