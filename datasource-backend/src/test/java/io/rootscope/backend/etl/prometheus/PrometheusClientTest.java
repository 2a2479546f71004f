package io.rootscope.backend.etl.prometheus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.rootscope.backend.etl.runtime.SourceUnavailableException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The query_range client against the real Prometheus, and against servers that misbehave in known ways. */
class PrometheusClientTest {

    @Test
    void readsAMatrixFromARealPrometheus() throws Exception {
        PrometheusServer prometheus = PrometheusServer.shared();
        Instant end = prometheus.scrapingSince(); // the first sample, the last point of the range
        List<PromSeries> series = new PrometheusClient(prometheus.url()).queryRange("up", end.minusSeconds(2), end, Duration.ofSeconds(1));
        assertEquals(1, series.size(), series.toString());
        assertEquals("test-exporter", series.get(0).labels().get("job"));
        assertFalse(series.get(0).points().isEmpty());
    }

    @Test
    void aQueryErrorIsASourceFailureWithPrometheusOwnMessage() throws Exception {
        PrometheusClient client = new PrometheusClient(PrometheusServer.shared().url());
        SourceUnavailableException error = assertThrows(SourceUnavailableException.class,
                () -> client.queryRange("sum(", Instant.now().minusSeconds(5), Instant.now(), Duration.ofSeconds(1)));
        assertTrue(error.getMessage().contains("HTTP 400, bad_data"), error.getMessage());
    }

    @Test
    void refusedConnectionsTimeoutsAndForeignAnswersAreSourceFailures() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        assertFailure(new PrometheusClient(URI.create("http://127.0.0.1:" + closedPort)), "unreachable");

        HttpServer odd = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        odd.createContext("/slow/", exchange -> {
            try {
                Thread.sleep(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        odd.createContext("/proxy/", exchange -> {
            byte[] body = "<html>bad gateway</html>".getBytes();
            exchange.sendResponseHeaders(502, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        odd.createContext("/vector/", exchange -> {
            byte[] body = "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}".getBytes();
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        odd.start();
        try {
            String base = "http://127.0.0.1:" + odd.getAddress().getPort();
            assertFailure(new PrometheusClient(URI.create(base + "/slow/"), Duration.ofMillis(300)), "timed out");
            assertFailure(new PrometheusClient(URI.create(base + "/proxy/")), "HTTP 502 with a body that is not JSON");
            assertFailure(new PrometheusClient(URI.create(base + "/vector/")), "resultType 'vector'");
        } finally {
            odd.stop(0);
        }
        assertThrows(IllegalArgumentException.class, () -> new PrometheusClient(URI.create("ftp://x")));
    }

    private static void assertFailure(PrometheusClient client, String expected) {
        SourceUnavailableException error = assertThrows(SourceUnavailableException.class,
                () -> client.queryRange("up", Instant.now().minusSeconds(5), Instant.now(), Duration.ofSeconds(1)));
        assertTrue(error.getMessage().contains(expected), error.getMessage());
    }
}
