package io.rootscope.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rootscope.backend.db.DatabaseSettings;
import io.rootscope.backend.testing.ReleaseArchive;
import io.rootscope.backend.testing.TestDatabase;
import io.rootscope.demo.DemoMain;
import io.rootscope.demo.ReleaseBackend;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./rootscope demo --keep-running} as a user runs it, in a process of its own on a database of its own, its
 * backend a process of the release this build packaged: it diagnoses the default fault, keeps the backend, Prometheus
 * and the workload answering, and Ctrl-C (SIGINT) stops all of them, the backend's and Prometheus' processes included.
 */
class DemoCommandTest {

    static final Duration DIAGNOSIS_LIMIT = Duration.ofMinutes(5);
    static final Duration STOP_LIMIT = Duration.ofSeconds(60);
    static final Pattern URL_LINE = Pattern.compile("^\\s+(backend|prometheus|workload)\\s+(http://\\S+?)/?(\\s.*)?$");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path unpacked;

    @Test
    void keepRunningKeepsTheStackUpAfterTheDiagnosisAndCtrlCStopsAllOfIt() throws Exception {
        Path release = ReleaseArchive.unpack(ReleaseArchive.built(), unpacked);
        try (TestDatabase database = TestDatabase.createEmpty()) {
            Process demo = start(database, release);
            try {
                BlockingQueue<String> lines = follow(demo);
                List<String> output = readUntil(lines, "everything keeps running", DIAGNOSIS_LIMIT);
                assertTrue(output.stream().anyMatch(l -> l.contains("the injected service is ranked")), String.join("\n", output));
                Map<String, URI> urls = urls(output);
                assertEquals(List.of("backend", "prometheus", "workload"), List.copyOf(urls.keySet()), String.join("\n", output));
                assertEquals(200, get(urls.get("backend").resolve("/health")));
                assertEquals(200, get(urls.get("prometheus").resolve("/-/ready")));
                assertEquals(200, get(urls.get("workload").resolve("/faults")));
                List<ProcessHandle> children = demo.descendants().toList();
                assertTrue(children.stream().anyMatch(child -> child.info().commandLine().orElse("").contains(ReleaseArchive.JAR)),
                        "the backend runs from the release as a child process: " + children.stream().map(c -> c.info().commandLine().orElse("?")).toList());
                assertTrue(children.size() >= 2, "Prometheus runs as a child process too");

                new ProcessBuilder("kill", "-INT", Long.toString(demo.pid())).inheritIO().start().waitFor();
                assertTrue(demo.waitFor(STOP_LIMIT.toSeconds(), TimeUnit.SECONDS), "the demo did not stop within " + STOP_LIMIT);
                for (ProcessHandle child : children) {
                    assertFalse(child.isAlive(), "still running after Ctrl-C: " + child.info().command().orElse("pid " + child.pid()));
                }
                for (URI url : urls.values()) {
                    assertThrows(IOException.class, () -> get(url), url + " still answers after Ctrl-C");
                }
            } finally {
                demo.descendants().forEach(ProcessHandle::destroyForcibly);
                demo.destroyForcibly();
            }
        }
    }

    private static Process start(TestDatabase database, Path release) throws IOException {
        DatabaseSettings writer = database.settings(TestDatabase.APP_ROLE, "rootscope");
        DatabaseSettings reader = database.readerSettings();
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-D" + ReleaseBackend.PROPERTY + "=" + release,
                "-cp", System.getProperty("java.class.path"), DemoMain.class.getName(), "--keep-running", "--warmup", "60")
                .redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("ROOTSCOPE_JDBC_URL", writer.jdbcUrl());
        env.put("ROOTSCOPE_DB_USER", writer.user());
        env.put("ROOTSCOPE_DB_PASSWORD", writer.password());
        env.put("ROOTSCOPE_DB_READER_USER", reader.user());
        env.put("ROOTSCOPE_DB_READER_PASSWORD", reader.password());
        env.put("ROOTSCOPE_HTTP_PORT", "0");
        env.put("ROOTSCOPE_OTLP_GRPC_PORT", "0");
        return builder.start();
    }

    /** The demo's output, line by line, echoed so a failure shows what it printed. */
    private static BlockingQueue<String> follow(Process demo) {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(demo.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    System.out.println("demo> " + line);
                    lines.add(line);
                }
            } catch (IOException closed) {
                // the process ended
            }
        }, "demo-output");
        reader.setDaemon(true);
        reader.start();
        return lines;
    }

    private static List<String> readUntil(BlockingQueue<String> lines, String marker, Duration limit) throws InterruptedException {
        List<String> seen = new ArrayList<>();
        Instant deadline = Instant.now().plus(limit);
        while (Instant.now().isBefore(deadline)) {
            String line = lines.poll(1, TimeUnit.SECONDS);
            if (line != null) {
                seen.add(line);
                if (line.contains(marker)) {
                    return seen;
                }
            }
        }
        throw new AssertionError("no '" + marker + "' within " + limit + ":\n" + String.join("\n", seen));
    }

    private static Map<String, URI> urls(List<String> output) {
        Map<String, URI> urls = new LinkedHashMap<>();
        for (String line : output) {
            Matcher m = URL_LINE.matcher(line);
            if (m.matches()) {
                urls.put(m.group(1), URI.create(m.group(2)));
            }
        }
        return urls;
    }

    private int get(URI url) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(5)).build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
