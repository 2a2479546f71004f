package io.rootscope.workload;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Smoke test of the assembled simulator on the system clock with a fast tick. */
class WorkloadAppTest {

    @Test
    void ticksServesMetricsExportsTelemetryAndRecordsGroundTruth(@TempDir Path dir) throws Exception {
        List<String> paths = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/v1", exchange -> {
            exchange.getRequestBody().readAllBytes();
            paths.add(exchange.getRequestURI().getPath());
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        Path groundTruth = dir.resolve("ground-truth.jsonl");
        WorkloadOptions options = WorkloadOptions.parse("--port", "0", "--tick-ms", "50",
                "--otlp-endpoint", "http://127.0.0.1:" + receiver.getAddress().getPort(),
                "--ground-truth", groundTruth.toString(), "--fault", "HTTP_ABORT:payment:0.2:0.5");
        HttpClient client = HttpClient.newHttpClient();
        try (WorkloadApp app = WorkloadApp.start(options, InstantSource.system())) {
            URI metrics = URI.create("http://127.0.0.1:" + app.port() + "/metrics");
            long deadline = System.nanoTime() + 10_000_000_000L;
            boolean done = false;
            while (!done && System.nanoTime() < deadline) {
                String text = client.send(HttpRequest.newBuilder(metrics).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                String truth = Files.exists(groundTruth) ? Files.readString(groundTruth) : "";
                done = text.contains("istio_requests_total{") && paths.contains("/v1/traces")
                        && paths.contains("/v1/logs") && truth.contains("\"FINISHED\"");
                Thread.sleep(50);
            }
            assertTrue(done, "metrics served, traces and logs exported, fault finished; exported " + paths.size());
        } finally {
            receiver.stop(0);
        }
    }
}
