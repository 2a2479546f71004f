package io.rootscope.backend.etl.prometheus;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;

/**
 * A tiny exporter of Istio-, cAdvisor- and node-exporter-named metrics for a real Prometheus to scrape. Counters
 * grow at fixed rates from the exporter's start, computed at each scrape and stamped with the time they were
 * computed for (so a slow scrape on a busy machine shifts no point), so every {@code rate()} has a known
 * answer: workload {@code carts} in {@code sock-shop} serves 9 ok + 1 failing requests/s at 50 ms each, uses
 * 0.25 CPU, reads 4096 and writes 8192 bytes/s and holds 256 MiB; the host is 25% busy with 3 of 4 GiB free;
 * a ping exporter sees carts answer in 0.4 ms and lose 10% of pings.
 */
final class TestExporter implements AutoCloseable {

    static final double OK_RPS = 9;
    static final double ERROR_RPS = 1;
    static final double LATENCY_MS = 50;
    static final double CPU_CORES = 0.25;
    static final double READ_BPS = 4096;
    static final double WRITE_BPS = 8192;
    static final double MEMORY_BYTES = 256.0 * 1024 * 1024;
    static final double PING_RTT_SECONDS = 0.0004;
    static final double PING_LOSS = 0.1;

    private final HttpServer server;
    private final long startMillis = System.currentTimeMillis();

    TestExporter() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/metrics", exchange -> {
            long now = System.currentTimeMillis();
            byte[] body = render((now - startMillis) / 1000.0, now).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    private static String render(double t, long timestampMillis) {
        String istio = "reporter=\"destination\",destination_workload=\"carts\",destination_workload_namespace=\"sock-shop\"";
        String container = "namespace=\"sock-shop\",pod=\"carts-7d9f\",container=\"carts\"";
        double requests = (OK_RPS + ERROR_RPS) * t;
        String text = "# TYPE istio_requests_total counter\n"
                + "istio_requests_total{" + istio + ",response_code=\"200\"} " + OK_RPS * t + "\n"
                + "istio_requests_total{" + istio + ",response_code=\"503\"} " + ERROR_RPS * t + "\n"
                + "# TYPE istio_request_duration_milliseconds_sum counter\n"
                + "istio_request_duration_milliseconds_sum{" + istio + "} " + LATENCY_MS * requests + "\n"
                + "# TYPE istio_request_duration_milliseconds_count counter\n"
                + "istio_request_duration_milliseconds_count{" + istio + "} " + requests + "\n"
                + "# TYPE container_cpu_usage_seconds_total counter\n"
                + "container_cpu_usage_seconds_total{" + container + "} " + CPU_CORES * t + "\n"
                + "container_cpu_usage_seconds_total{namespace=\"sock-shop\",pod=\"carts-7d9f\",container=\"POD\"} " + t + "\n"
                + "# TYPE container_fs_reads_bytes_total counter\n"
                + "container_fs_reads_bytes_total{" + container + "} " + READ_BPS * t + "\n"
                + "# TYPE container_fs_writes_bytes_total counter\n"
                + "container_fs_writes_bytes_total{" + container + "} " + WRITE_BPS * t + "\n"
                + "# TYPE container_memory_usage_bytes gauge\n"
                + "container_memory_usage_bytes{" + container + "} " + MEMORY_BYTES + "\n"
                + "# TYPE node_cpu_seconds_total counter\n"
                + "node_cpu_seconds_total{cpu=\"0\",mode=\"idle\"} " + 0.75 * t + "\n"
                + "node_cpu_seconds_total{cpu=\"0\",mode=\"user\"} " + 0.25 * t + "\n"
                + "# TYPE node_memory_MemAvailable_bytes gauge\n"
                + "node_memory_MemAvailable_bytes " + 3.0 * (1L << 30) + "\n"
                + "# TYPE node_memory_MemTotal_bytes gauge\n"
                + "node_memory_MemTotal_bytes " + 4.0 * (1L << 30) + "\n"
                + "# TYPE ping_rtt_mean_seconds gauge\n"
                + "ping_rtt_mean_seconds{target=\"carts.sock-shop.svc.cluster.local\",ip=\"10.1.0.7\",ip_version=\"4\"} " + PING_RTT_SECONDS + "\n"
                + "# TYPE ping_loss_ratio gauge\n"
                + "ping_loss_ratio{target=\"carts.sock-shop.svc.cluster.local\",ip=\"10.1.0.7\",ip_version=\"4\"} " + PING_LOSS + "\n";
        return text.lines()
                .map(line -> line.startsWith("#") ? line : line + " " + timestampMillis)
                .collect(Collectors.joining("\n", "", "\n"));
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
