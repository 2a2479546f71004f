package io.rootscope.workload.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.rootscope.workload.fault.Fault;
import io.rootscope.workload.fault.FaultJson;
import io.rootscope.workload.fault.FaultRegistry;
import io.rootscope.workload.fault.InvalidFaultException;
import io.rootscope.workload.metrics.ExpositionWriter;
import io.rootscope.workload.metrics.MetricsRenderer;
import io.rootscope.workload.sim.Simulation;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The simulator's HTTP interface: {@code GET /metrics} (Prometheus scrape), {@code GET|POST /faults},
 * {@code GET|DELETE /faults/{id}}, {@code GET /topology} and {@code GET /status}. Errors are JSON
 * {@code {"error": ..., "field": ...}} with a 4xx status.
 */
public final class WorkloadServer implements AutoCloseable {

    private static final int MAX_BODY_BYTES = 64 * 1024;

    private final HttpServer server;
    private final ExecutorService executor;
    private final Simulation simulation;
    private final InstantSource clock;
    private final ObjectMapper mapper;
    private final MetricsRenderer metrics;
    private final Supplier<ObjectNode> status;

    /**
     * @param port   0 for any free port
     * @param status extra run-time information for {@code GET /status}
     */
    public WorkloadServer(int port, Simulation simulation, InstantSource clock, ObjectMapper mapper,
            Supplier<ObjectNode> status) throws IOException {
        this.simulation = simulation;
        this.clock = clock;
        this.mapper = mapper;
        this.metrics = new MetricsRenderer(simulation.topology());
        this.status = status;
        this.server = HttpServer.create(new InetSocketAddress(port), 0);
        this.executor = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "workload-http");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/metrics", exchange -> handle(exchange, this::metrics));
        server.createContext("/faults", exchange -> handle(exchange, this::faults));
        server.createContext("/topology", exchange -> handle(exchange, this::topology));
        server.createContext("/status", exchange -> handle(exchange, this::status));
        server.createContext("/", exchange -> handle(exchange, e -> {
            throw new HttpError(404, "no such resource " + e.getRequestURI().getPath());
        }));
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private interface Handler {
        void handle(HttpExchange exchange) throws IOException;
    }

    private void handle(HttpExchange exchange, Handler handler) throws IOException {
        try (exchange) {
            try {
                handler.handle(exchange);
            } catch (HttpError e) {
                error(exchange, e.status(), e.getMessage(), e.field());
            } catch (InvalidFaultException e) {
                error(exchange, 400, e.getMessage(), Optional.of(e.field()));
            } catch (RuntimeException e) {
                error(exchange, 500, "internal error: " + e, Optional.empty());
            }
        }
    }

    private void metrics(HttpExchange exchange) throws IOException {
        requireMethod(exchange, "GET");
        send(exchange, 200, ExpositionWriter.CONTENT_TYPE, metrics.render(simulation.snapshot()));
    }

    private void faults(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        FaultRegistry registry = simulation.faults();
        if (path.equals("/faults") || path.equals("/faults/")) {
            switch (exchange.getRequestMethod()) {
                case "GET" -> {
                    ArrayNode all = mapper.createArrayNode();
                    registry.all().forEach(fault -> all.add(FaultJson.toJson(mapper, fault)));
                    json(exchange, 200, all);
                }
                case "POST" -> {
                    Fault fault = registry.schedule(FaultRequests.parse(body(exchange)), clock.instant());
                    exchange.getResponseHeaders().set("Location", "/faults/" + fault.id());
                    json(exchange, 201, FaultJson.toJson(mapper, fault));
                }
                default -> throw new HttpError(405, "use GET or POST on /faults");
            }
            return;
        }
        String id = path.substring("/faults/".length());
        Fault fault = switch (exchange.getRequestMethod()) {
            case "GET" -> registry.find(id).orElse(null);
            case "DELETE" -> registry.cancel(id, clock.instant()).orElse(null);
            default -> throw new HttpError(405, "use GET or DELETE on /faults/{id}");
        };
        if (fault == null) {
            throw new HttpError(404, "no fault " + id);
        }
        json(exchange, 200, FaultJson.toJson(mapper, fault));
    }

    private void topology(HttpExchange exchange) throws IOException {
        requireMethod(exchange, "GET");
        json(exchange, 200, TopologyJson.toJson(mapper, simulation.topology(), simulation.snapshot().pods()));
    }

    private void status(HttpExchange exchange) throws IOException {
        requireMethod(exchange, "GET");
        ObjectNode node = status.get();
        node.put("simulationTime", simulation.snapshot().time().toString());
        json(exchange, 200, node);
    }

    private static void requireMethod(HttpExchange exchange, String method) {
        if (!exchange.getRequestMethod().equals(method)) {
            throw new HttpError(405, "use " + method + " on " + exchange.getRequestURI().getPath());
        }
    }

    private JsonNode body(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) {
                throw new HttpError(413, "body larger than " + MAX_BODY_BYTES + " bytes");
            }
            return mapper.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new HttpError(400, "body is not valid JSON: " + e.getOriginalMessage(), Optional.of("body"));
        }
    }

    private void error(HttpExchange exchange, int status, String message, Optional<String> field) throws IOException {
        ObjectNode node = mapper.createObjectNode();
        node.put("error", message);
        field.ifPresent(f -> node.put("field", f));
        json(exchange, status, node);
    }

    private void json(HttpExchange exchange, int status, JsonNode node) throws IOException {
        send(exchange, status, "application/json", mapper.writeValueAsString(node));
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
