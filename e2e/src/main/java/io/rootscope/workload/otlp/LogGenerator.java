package io.rootscope.workload.otlp;

import io.rootscope.workload.sim.EdgeLoad;
import io.rootscope.workload.sim.PodSample;
import io.rootscope.workload.sim.Retransmission;
import io.rootscope.workload.sim.Sampling;
import io.rootscope.workload.sim.ServiceLoad;
import io.rootscope.workload.sim.Tick;
import io.rootscope.workload.topology.Service;
import io.rootscope.workload.topology.Topology;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Writes the log lines the services would have written during a tick: an access line per sampled server span
 * in the style of the service's runtime, an error line for every failed call in a sampled trace and for a
 * share of the failed calls outside them, the exception of every request whose code threw (in sampled traces and, for a
 * share, outside them), and lifecycle lines (out of memory, GC pressure, startup after a
 * restart) observed from the pods' state.
 */
public final class LogGenerator {

    /** Memory fraction above which JVMs log GC overhead warnings. */
    static final double GC_WARNING_FRACTION = 0.85;
    /** Requests slower than this are logged as warnings. */
    static final double SLOW_REQUEST_MS = 500;
    /** Failed calls outside sampled traces logged per edge and tick at most, as log rate limiting would. */
    static final int MAX_FAILURE_LINES_PER_EDGE = 5;

    private static final String HTTP_500 = "http_500";
    private static final String CONNECTION_REFUSED = TraceGenerator.CONNECTION_REFUSED;
    private static final String UPSTREAM_CONNECT_ERROR = TraceGenerator.UPSTREAM_CONNECT_ERROR;

    private final Topology topology;
    private final Random random;
    private final Map<String, PodSample> previousPods = new HashMap<>();

    public LogGenerator(Topology topology, Random random) {
        this.topology = topology;
        this.random = random;
    }

    public List<LogRecord> generate(Tick tick, List<SpanRecord> spans) {
        List<LogRecord> logs = new ArrayList<>();
        for (SpanRecord span : spans) {
            Service service = topology.service(span.service());
            if (span.kind() == SpanKind.SERVER) {
                if (span.attributes().containsKey("exception.type")) {
                    logs.add(LogRecord.inSpan(span, span.endNanos(), Severity.ERROR, exception(service, random)));
                }
                logs.add(access(service, span));
            } else if (span.error()) {
                String reason = String.valueOf(span.attributes().getOrDefault("error.type", HTTP_500));
                logs.add(LogRecord.inSpan(span, span.endNanos(), Severity.ERROR,
                        callFailure(service, String.valueOf(span.attributes().get("peer.service")), reason)));
            }
        }
        long now = tick.end().getEpochSecond() * 1_000_000_000L + tick.end().getNano();
        unsampledFailures(tick, now, logs);
        unsampledExceptions(tick, now, logs);
        for (PodSample pod : tick.pods().values()) {
            lifecycle(topology.service(pod.service()), previousPods.get(pod.service()), pod, now, logs);
            previousPods.put(pod.service(), pod);
        }
        return logs;
    }

    private static LogRecord access(Service service, SpanRecord span) {
        Object status = span.attributes().get("http.response.status_code");
        String method = String.valueOf(span.attributes().get("http.request.method"));
        String path = String.valueOf(span.attributes().get("http.route"));
        double ms = span.durationMs();
        String body = switch (service.runtime()) {
            case "java" -> String.format(Locale.ROOT, "Completed %s %s with status %s in %.1f ms", method, path,
                    status, ms);
            case "go" -> String.format(Locale.ROOT, "method=%s path=%s status=%s took=%.3fms", method, path, status,
                    ms);
            default -> String.format(Locale.ROOT, "%s %s %s %.3f ms", method, path, status, ms);
        };
        Severity severity = span.error() ? Severity.ERROR : ms > SLOW_REQUEST_MS ? Severity.WARN : Severity.INFO;
        return LogRecord.inSpan(span, span.endNanos(), severity, body);
    }

    private void unsampledFailures(Tick tick, long now, List<LogRecord> logs) {
        for (EdgeLoad edge : tick.plan().edges()) {
            double expected = edge.rate() * tick.seconds() * edge.failureProbability();
            int lines = Math.min(MAX_FAILURE_LINES_PER_EDGE, Sampling.poisson(random, expected));
            ServiceLoad callee = tick.plan().service(edge.call().callee());
            double networkFailure = 1 - (1 - Retransmission.failureProbability(edge.requestLoss()))
                    * (1 - Retransmission.failureProbability(edge.responseLoss()));
            for (int i = 0; i < lines; i++) {
                String reason = !callee.ready() ? CONNECTION_REFUSED
                        : random.nextDouble() * edge.failureProbability() < networkFailure ? UPSTREAM_CONNECT_ERROR
                        : HTTP_500;
                long time = now - (long) (random.nextDouble() * tick.seconds() * 1e9);
                logs.add(LogRecord.uncorrelated(edge.call().caller(), time, Severity.ERROR,
                        callFailure(topology.service(edge.call().caller()), edge.call().callee(), reason)));
            }
        }
    }

    /** The exceptions of requests outside the sampled traces, rate-limited like the failed calls. */
    private void unsampledExceptions(Tick tick, long now, List<LogRecord> logs) {
        for (ServiceLoad load : tick.plan().services().values()) {
            if (load.throwRate() == 0 || !load.ready()) {
                continue;
            }
            double expected = load.processedRate() * tick.seconds() * load.throwRate();
            int lines = Math.min(MAX_FAILURE_LINES_PER_EDGE, Sampling.poisson(random, expected));
            for (int i = 0; i < lines; i++) {
                long time = now - (long) (random.nextDouble() * tick.seconds() * 1e9);
                logs.add(LogRecord.uncorrelated(load.service(), time, Severity.ERROR, exception(topology.service(load.service()), random)));
            }
        }
    }

    /**
     * What Spring Boot's dispatcher logs when a handler throws: the message with the exception, then the exception's
     * first line with a frame of the service's code. The ids vary per request, as a cart or customer id would.
     */
    private static String exception(Service service, Random random) {
        String id = Long.toHexString(random.nextLong() & 0xffffffffffL);
        String exception = TraceGenerator.THROWN + ": No " + service.name() + " record for id " + id;
        return "Servlet.service() for servlet [dispatcherServlet] in context with path [] threw exception [Request processing failed; "
                + "nested exception is " + exception + "] with root cause\n" + exception
                + "\n\tat works.weave.socks." + service.name().replace("-", "") + ".RequestHandler.handle(RequestHandler.java:87)";
    }

    private static String callFailure(Service caller, String callee, String errorType) {
        String reason = switch (errorType) {
            case CONNECTION_REFUSED -> "Connection refused";
            case UPSTREAM_CONNECT_ERROR -> "upstream connect error or disconnect/reset before headers";
            default -> "500 Internal Server Error";
        };
        return switch (caller.runtime()) {
            case "java" -> "I/O error on request for \"http://" + callee + "\": " + reason;
            case "go" -> "level=error caller=" + callee + " err=\"" + reason + "\"";
            default -> "Error calling " + callee + ": " + reason;
        };
    }

    private static void lifecycle(Service service, PodSample before, PodSample now, long timeNanos,
            List<LogRecord> logs) {
        String name = service.name();
        if (before != null && before.ready() && !now.ready() && before.pod().equals(now.pod())) {
            logs.add(LogRecord.uncorrelated(name, timeNanos, Severity.ERROR, outOfMemory(service)));
        }
        if (before != null && !before.ready() && now.ready()) {
            logs.add(LogRecord.uncorrelated(name, timeNanos, Severity.INFO,
                    "Started " + name + " on " + now.pod() + " (" + service.runtime() + ")"));
        }
        double limit = service.profile().memoryLimitBytes();
        if (now.ready() && service.runtime().equals("java") && now.memoryBytes() / limit > GC_WARNING_FRACTION) {
            logs.add(LogRecord.uncorrelated(name, timeNanos, Severity.WARN, String.format(Locale.ROOT,
                    "GC overhead high: full GC reclaimed little, heap %.0f MB of %.0f MB",
                    now.memoryBytes() / 1048576, limit / 1048576)));
        }
    }

    private static String outOfMemory(Service service) {
        return switch (service.runtime()) {
            case "java" -> "java.lang.OutOfMemoryError: Java heap space";
            case "go" -> "fatal error: runtime: out of memory";
            default -> "Out of memory: container killed (OOMKilled)";
        };
    }
}
