package io.rootscope.workload.otlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OtlpExporterTest {

    private final List<String> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger status = new AtomicInteger(200);
    private final HttpClient client = HttpClient.newHttpClient();
    private HttpServer receiver;

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/v1", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (status.get() == 200) {
                received.add(exchange.getRequestURI().getPath() + " "
                        + exchange.getRequestHeaders().getFirst("Content-Type") + " " + body);
            }
            exchange.sendResponseHeaders(status.get(), -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
    }

    private URI endpoint() {
        return URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/");
    }

    @Test
    void postsJsonToTheSignalPaths() {
        OtlpExporter exporter = new OtlpExporter(endpoint(), client);
        exporter.submit(OtlpExporter.TRACES_PATH, "{\"resourceSpans\":[]}");
        exporter.submit(OtlpExporter.LOGS_PATH, "{\"resourceLogs\":[]}");
        exporter.sendPending();
        assertEquals(List.of("/v1/traces application/json {\"resourceSpans\":[]}",
                "/v1/logs application/json {\"resourceLogs\":[]}"), received);
        assertEquals(2, exporter.sent());
        assertEquals(0, exporter.queued());
    }

    @Test
    void retriesFailedBatchesOnTheNextRound() {
        OtlpExporter exporter = new OtlpExporter(endpoint(), client);
        status.set(503);
        exporter.submit(OtlpExporter.TRACES_PATH, "{}");
        exporter.sendPending();
        assertEquals(1, exporter.failedAttempts());
        assertEquals(1, exporter.queued());
        status.set(200);
        exporter.sendPending();
        assertEquals(1, received.size());
        assertEquals(1, exporter.sent());
        assertEquals(0, exporter.queued());
    }

    @Test
    void dropsABatchAfterItsLastAttempt() {
        OtlpExporter exporter = new OtlpExporter(endpoint(), client, 10, 2);
        status.set(500);
        exporter.submit(OtlpExporter.LOGS_PATH, "{}");
        exporter.sendPending();
        exporter.sendPending();
        assertEquals(2, exporter.failedAttempts());
        assertEquals(1, exporter.dropped());
        assertEquals(0, exporter.queued());
    }

    @Test
    void survivesAnUnreachableReceiverAndBoundsItsQueue() {
        receiver.stop(0);
        OtlpExporter exporter = new OtlpExporter(endpoint(), client, 2, 5);
        exporter.submit(OtlpExporter.TRACES_PATH, "{\"n\":1}");
        exporter.submit(OtlpExporter.TRACES_PATH, "{\"n\":2}");
        exporter.submit(OtlpExporter.TRACES_PATH, "{\"n\":3}");
        assertEquals(1, exporter.dropped());
        exporter.sendPending();
        assertEquals(2, exporter.failedAttempts());
        assertEquals(2, exporter.queued());
    }

    @Test
    void rejectsNonHttpEndpoints() {
        assertThrows(IllegalArgumentException.class, () -> new OtlpExporter(URI.create("ftp://x/"), client));
    }
}
