package io.rootscope.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rootscope.backend.config.ConfigKey;
import io.rootscope.backend.db.DatabaseSettings;
import io.rootscope.backend.testing.ReleaseArchive;
import io.rootscope.backend.testing.TestDatabase;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release {@code ./rootscope package} builds (run by Maven's failsafe after {@code package}, so it is built once per
 * run): unpacked as a user unpacks it, its {@code lib/} holds none of the POM's test-scoped artifacts and exactly what its
 * jar's manifest names, and {@code java -jar} on it alone, as a process of its own on a test database, migrates the
 * database, answers {@code /health} and a Grafana query, and stops on SIGTERM.
 */
class ReleaseArtifactIT {

    static final Duration START_LIMIT = Duration.ofMinutes(2);
    static final Duration STOP_LIMIT = Duration.ofSeconds(30);
    static final String LISTENING = "rootscope serve: listening on ";

    @TempDir
    static Path unpacked;
    static Path release;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @BeforeAll
    static void unpack() throws Exception {
        release = ReleaseArchive.unpack(ReleaseArchive.built(), unpacked);
    }

    @Test
    void libHoldsNoTestScopedArtifactOfThePom() throws IOException {
        Set<String> testScoped = testScopedJars(Path.of(required("rootscope.testScopedDependencies")));
        // The list must be the real one, or the check below would pass on nothing.
        assertTrue(testScoped.stream().anyMatch(jar -> jar.startsWith("junit-jupiter-api-")), "test-scoped: " + testScoped);
        assertTrue(testScoped.stream().anyMatch(jar -> jar.startsWith("testcontainers-")), "test-scoped: " + testScoped);
        Set<String> lib = libJars();
        Set<String> leaked = new TreeSet<>(lib);
        leaked.retainAll(testScoped);
        assertEquals(Set.of(), leaked, "test-scoped artifacts in the release's lib/");
    }

    @Test
    void libHoldsExactlyTheJarsTheManifestNames() throws IOException {
        try (JarFile jar = new JarFile(release.resolve(ReleaseArchive.JAR).toFile())) {
            var attributes = jar.getManifest().getMainAttributes();
            assertEquals(BackendMain.class.getName(), attributes.getValue("Main-Class"));
            Set<String> classPath = Arrays.stream(attributes.getValue("Class-Path").trim().split("\\s+"))
                    .collect(Collectors.toCollection(TreeSet::new));
            assertEquals(classPath, libJars().stream().map(name -> "lib/" + name).collect(Collectors.toCollection(TreeSet::new)));
        }
    }

    @Test
    void javaDashJarOnTheReleaseAnswersHealthAndAGrafanaQuery() throws Exception {
        try (TestDatabase database = TestDatabase.createEmpty()) {
            Process backend = start(database);
            try {
                CompletableFuture<String> listening = new CompletableFuture<>();
                List<String> output = follow(backend, listening);
                String url = listening.get(START_LIMIT.toSeconds(), TimeUnit.SECONDS);
                assertEquals(200, get(url + "/health").statusCode(), String.join("\n", output));

                Instant now = Instant.now();
                HttpResponse<String> query = post(url + "/query", "{\"range\":{\"from\":\"" + now.minus(Duration.ofHours(1))
                        + "\",\"to\":\"" + now + "\"},\"targets\":[{\"refId\":\"A\",\"target\":\"incidents\",\"payload\":{\"status\":\"all\"}}]}");
                assertEquals(200, query.statusCode(), query.body());
                assertTrue(query.body().contains("\"refId\":\"A\""), query.body());
                HttpResponse<String> methods = post(url + "/variable", "{\"payload\":{\"target\":\"methods\"}}");
                assertEquals(200, methods.statusCode(), methods.body());
                assertTrue(methods.body().contains("multimodal"), methods.body());

                backend.destroy();
                assertTrue(backend.waitFor(STOP_LIMIT.toSeconds(), TimeUnit.SECONDS), "still running " + STOP_LIMIT + " after SIGTERM");
                String log = String.join("\n", output);
                assertFalse(log.contains("Exception") || log.contains("\tat "), "the backend logged a stack trace:\n" + log);
            } finally {
                backend.destroyForcibly();
            }
        }
    }

    /** {@code java -jar} on the release, with only the test database's settings among the ROOTSCOPE_* variables. */
    private static Process start(TestDatabase database) throws IOException {
        DatabaseSettings writer = database.settings(TestDatabase.APP_ROLE, "rootscope");
        DatabaseSettings reader = database.readerSettings();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx256m", "-jar", release.resolve(ReleaseArchive.JAR).toString())
                .directory(unpacked.toFile()).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith(ConfigKey.PREFIX));
        env.put(ConfigKey.JDBC_URL.key(), writer.jdbcUrl());
        env.put(ConfigKey.DB_USER.key(), writer.user());
        env.put(ConfigKey.DB_PASSWORD.key(), writer.password());
        env.put(ConfigKey.DB_READER_USER.key(), reader.user());
        env.put(ConfigKey.DB_READER_PASSWORD.key(), reader.password());
        env.put(ConfigKey.HTTP_PORT.key(), "0");
        return builder.start();
    }

    /** Collects the process' output, echoed, and completes {@code listening} with the URL it prints once it listens. */
    private static List<String> follow(Process process, CompletableFuture<String> listening) {
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    System.out.println("release> " + line);
                    lines.add(line);
                    if (line.startsWith(LISTENING)) {
                        listening.complete(line.substring(LISTENING.length()).trim());
                    }
                }
            } catch (IOException closed) {
                // the process ended
            }
            listening.completeExceptionally(new AssertionError("the release ended before listening:\n" + String.join("\n", lines)));
        }, "release-output");
        reader.setDaemon(true);
        reader.start();
        return lines;
    }

    /**
     * The jar file names of the lines {@code dependency:list} wrote ({@code group:artifact:type[:classifier]:version:scope},
     * maybe followed by {@code -- module ...}), named as the release names its jars.
     */
    private static Set<String> testScopedJars(Path list) throws IOException {
        Set<String> jars = new TreeSet<>();
        for (String line : Files.readAllLines(list)) {
            String coordinates = line.split(" -- ")[0].trim();
            String[] parts = coordinates.split(":");
            if (parts.length == 5) {
                jars.add(parts[1] + "-" + parts[3] + ".jar");
            } else if (parts.length == 6) {
                jars.add(parts[1] + "-" + parts[4] + "-" + parts[3] + ".jar");
            }
        }
        return jars;
    }

    private static Set<String> libJars() throws IOException {
        try (Stream<Path> files = Files.list(release.resolve("lib"))) {
            return files.map(file -> file.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        assertTrue(value != null && !value.isBlank(), "system property " + property + " is not set: run this test through Maven (failsafe)");
        return value;
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String url, String json) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
