package io.rootscope.backend.etl.prometheus;

import io.rootscope.backend.etl.runtime.SourceUnavailableException;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Prometheus (Debian's package) for the tests, one per test JVM, scraping a {@link TestExporter} every
 * second, on a free loopback port with its data in a temporary folder. When the binary is missing and the
 * tests run as root, it is installed with apt-get, as {@code ./rootscope test} does; otherwise the tests fail
 * saying how to install it. Tests may stop and restart it (same port and data) to simulate an outage. One of its own
 * ({@link #withRemoteWrite}) also pushes what it scrapes to a remote write receiver.
 */
final class PrometheusServer implements AutoCloseable {

    private static final Path BINARY = Path.of("/usr/bin/prometheus");
    private static PrometheusServer shared;

    private final TestExporter exporter;
    private final Path home;
    private final int port;
    private Instant scrapingSince;
    private Process process;

    private PrometheusServer() throws IOException, InterruptedException {
        this("");
    }

    /** @param remoteWrite the configuration's {@code remote_write} section, or empty */
    private PrometheusServer(String remoteWrite) throws IOException, InterruptedException {
        ensureInstalled();
        exporter = new TestExporter();
        home = Files.createTempDirectory("rootscope-prometheus-");
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Files.writeString(home.resolve("prometheus.yml"), """
                global:
                  scrape_interval: 1s
                  evaluation_interval: 1s
                scrape_configs:
                  - job_name: test-exporter
                    static_configs:
                      - targets: ['127.0.0.1:%d']
                """.formatted(exporter.port()) + remoteWrite);
        start();
        scrapingSince = awaitFirstScrape(Duration.ofSeconds(60));
    }

    static synchronized PrometheusServer shared() throws IOException, InterruptedException {
        if (shared == null) {
            shared = new PrometheusServer();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::shutdown));
        }
        return shared;
    }

    /**
     * A Prometheus of the caller's (to {@link #close}) that sends every scraped sample to {@code receiver} with the
     * bearer token {@code token}, in batches sent at least every second. (Debian's Prometheus 2.42 does not send a
     * remote write's configured {@code headers}, so the token names the tenant.)
     */
    static PrometheusServer withRemoteWrite(URI receiver, String token) throws IOException, InterruptedException {
        return new PrometheusServer("""
                remote_write:
                  - url: %s
                    authorization:
                      credentials: %s
                    queue_config:
                      batch_send_deadline: 1s
                      max_samples_per_send: 2000
                """.formatted(receiver, token));
    }

    @Override
    public void close() {
        shutdown();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + port + "/");
    }

    /** The time of the first scrape: no sample is older. */
    Instant scrapingSince() {
        return scrapingSince;
    }

    /** Waits until everything up to {@code t} has been scraped (and a little more, for the scrape in flight). */
    static void awaitScrapedUntil(Instant t) throws InterruptedException {
        long wait = Duration.between(Instant.now(), t.plusMillis(1_500)).toMillis();
        if (wait > 0) {
            Thread.sleep(wait);
        }
    }

    /**
     * Runs Prometheus under a shell that waits on its standard input, a pipe from this JVM, and kills Prometheus
     * when the pipe closes: on {@link #stop()}, and also when the JVM dies without running its shutdown hooks
     * (a killed test run must not leave a Prometheus behind).
     */
    synchronized void start() throws IOException, InterruptedException {
        process = new ProcessBuilder("sh", "-c", "\"$0\" \"$@\" & p=$!; cat >/dev/null; kill $p; wait $p",
                BINARY.toString(),
                "--config.file=" + home.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + home.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true)
                .redirectOutput(home.resolve("prometheus.log").toFile())
                .start();
        awaitReady(Duration.ofSeconds(60));
    }

    synchronized void stop() throws InterruptedException {
        try {
            process.getOutputStream().close();
        } catch (IOException alreadyClosed) {
            // the shell is gone already
        }
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    private void shutdown() {
        try {
            stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        exporter.close();
    }

    private void awaitReady(Duration limit) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest ready = HttpRequest.newBuilder(url().resolve("-/ready")).timeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(limit);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("prometheus exited with " + process.exitValue() + ":\n" + log());
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("prometheus not ready after " + limit + ":\n" + log());
    }

    /** Prometheus applies its targets a few seconds after it is ready; waits for the first sample and returns its time. */
    private Instant awaitFirstScrape(Duration limit) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(limit);
        while (Instant.now().isBefore(deadline)) {
            List<PromSeries> up;
            try {
                Instant now = Instant.now();
                up = new PrometheusClient(url()).queryRange("timestamp(up)", now, now, Duration.ofSeconds(1));
            } catch (SourceUnavailableException e) {
                throw new IllegalStateException("prometheus is ready but does not answer: " + e.getMessage(), e);
            }
            if (!up.isEmpty()) {
                return Instant.ofEpochMilli(Math.round(up.get(0).points().get(0).value() * 1000));
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("prometheus scraped nothing within " + limit + ":\n" + log());
    }

    private String log() throws IOException {
        return Files.readString(home.resolve("prometheus.log"));
    }

    private static void ensureInstalled() throws IOException, InterruptedException {
        if (Files.isExecutable(BINARY)) {
            return;
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            throw new IllegalStateException("the Prometheus tests need Debian's prometheus package: sudo apt-get install -y prometheus"
                    + " (./rootscope test installs it when run as root)");
        }
        Process install = new ProcessBuilder("sh", "-c",
                "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq prometheus")
                .redirectErrorStream(true).start();
        String output = new String(install.getInputStream().readAllBytes());
        if (install.waitFor() != 0 || !Files.isExecutable(BINARY)) {
            throw new IllegalStateException("installing prometheus with apt-get failed:\n" + output);
        }
    }
}
