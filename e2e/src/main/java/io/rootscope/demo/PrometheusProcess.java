package io.rootscope.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Prometheus (Debian's {@code prometheus} package) scraping one target, on a free loopback port with its
 * configuration and data in a temporary folder. It installs nothing: a missing binary is an error naming the
 * package.
 */
public final class PrometheusProcess implements AutoCloseable {

    public static final Path BINARY = Path.of("/usr/bin/prometheus");
    public static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final Path home;
    private final int port;
    private final Process process;

    private PrometheusProcess(Path home, int port, Process process) {
        this.home = home;
        this.port = port;
        this.process = process;
    }

    /** Starts Prometheus scraping {@code target} (host:port) every {@code scrapeInterval} and waits until it is ready. */
    public static PrometheusProcess start(String target, Duration scrapeInterval) throws IOException, InterruptedException {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException(BINARY + " is missing: install Debian's package with"
                    + " 'apt-get install -y prometheus' (./rootscope demo and ./rootscope test do it when run as root)");
        }
        Path home = Files.createTempDirectory("rootscope-demo-prometheus-");
        String interval = scrapeInterval.toMillis() + "ms";
        Files.writeString(home.resolve("prometheus.yml"), """
                global:
                  scrape_interval: %1$s
                  scrape_timeout: %1$s
                  evaluation_interval: %1$s
                scrape_configs:
                  - job_name: sock-shop
                    honor_labels: true
                    static_configs:
                      - targets: ['%2$s']
                """.formatted(interval, target));
        int port = FreePort.find();
        Process process = new ProcessBuilder(BINARY.toString(),
                "--config.file=" + home.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + home.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true)
                .redirectOutput(home.resolve("prometheus.log").toFile())
                .start();
        PrometheusProcess prometheus = new PrometheusProcess(home, port, process);
        try {
            prometheus.awaitReady();
        } catch (IOException | InterruptedException | RuntimeException e) {
            prometheus.close();
            throw e;
        }
        return prometheus;
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + port + "/");
    }

    /** Where its configuration, data and log are. */
    public Path home() {
        return home;
    }

    private void awaitReady() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest ready = HttpRequest.newBuilder(url().resolve("-/ready")).timeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
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
        throw new IllegalStateException("prometheus not ready after " + READY_TIMEOUT + ":\n" + log());
    }

    private String log() throws IOException {
        return Files.readString(home.resolve("prometheus.log"));
    }

    /** Stops the server and deletes its configuration and data. */
    @Override
    public void close() throws InterruptedException, IOException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        try (Stream<Path> files = Files.walk(home)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }
}
