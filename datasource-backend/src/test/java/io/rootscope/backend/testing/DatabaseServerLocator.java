package io.rootscope.backend.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.ImageFromDockerfile;

/**
 * Finds the database server for integration tests, in this order:
 * <ol>
 *   <li>an explicit superuser JDBC URL: {@code ROOTSCOPE_TEST_JDBC_URL} (env) or {@code rootscope.test.jdbcUrl}
 *       (system property), with {@code ..._USER}/{@code .user} and {@code ..._PASSWORD}/{@code .password};</li>
 *   <li>a container of the project's PostgreSQL image (docker/postgres) when a Docker engine answers;</li>
 *   <li>the local chroot database, started with {@code ./rootscope db start}.</li>
 * </ol>
 * A test that needs a database never skips: when none of these works, it fails with the reason.
 */
final class DatabaseServerLocator {

    static final int LOCAL_PORT = Integer.parseInt(System.getenv().getOrDefault("ROOTSCOPE_DB_PORT", "55432"));

    private DatabaseServerLocator() {
    }

    static DatabaseServer locate() {
        String explicitUrl = setting("ROOTSCOPE_TEST_JDBC_URL", "rootscope.test.jdbcUrl", null);
        if (explicitUrl != null) {
            return new DatabaseServer(explicitUrl,
                    setting("ROOTSCOPE_TEST_JDBC_USER", "rootscope.test.user", "postgres"),
                    setting("ROOTSCOPE_TEST_JDBC_PASSWORD", "rootscope.test.password", "postgres"),
                    "explicit JDBC URL " + explicitUrl);
        }
        if (dockerAvailable()) {
            return startContainer();
        }
        return startLocalChroot();
    }

    private static String setting(String env, String property, String fallback) {
        String value = System.getProperty(property, System.getenv(env));
        return value == null || value.isBlank() ? fallback : value;
    }

    private static boolean dockerAvailable() {
        // Without a socket or DOCKER_HOST there is no engine; asking Testcontainers would only log an ERROR.
        if (System.getenv("DOCKER_HOST") == null && !Files.exists(Path.of("/var/run/docker.sock"))) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    @SuppressWarnings("resource") // lives as long as the test JVM; Testcontainers' reaper removes it
    private static DatabaseServer startContainer() {
        Path root = RepositoryRoot.find();
        GenericContainer<?> container = new GenericContainer<>(new ImageFromDockerfile("rootscope-postgres-test", false)
                .withFileFromPath("Dockerfile", root.resolve("docker/postgres/Dockerfile"))
                .withFileFromPath("docker/postgres", root.resolve("docker/postgres"))
                .withFileFromPath("sql/bootstrap", root.resolve("sql/bootstrap")))
                .withExposedPorts(5432)
                .withEnv("POSTGRES_PASSWORD", "postgres")
                .waitingFor(Wait.forLogMessage(".*rootscope database ready.*", 1));
        container.start();
        String url = "jdbc:postgresql://" + container.getHost() + ":" + container.getMappedPort(5432) + "/postgres";
        return new DatabaseServer(url, "postgres", "postgres", "Testcontainers image docker/postgres");
    }

    private static DatabaseServer startLocalChroot() {
        runRootscope("no explicit JDBC URL, no Docker engine, and", "db", "start");
        String adminPassword = System.getenv().getOrDefault("ROOTSCOPE_DB_ADMIN_PASSWORD", "postgres");
        return new DatabaseServer(localUrl(LOCAL_PORT), "postgres", adminPassword,
                "local chroot database (./rootscope db start)");
    }

    /** The maintenance database of a server of the local chroot on {@code port}. */
    static String localUrl(int port) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    /** Runs {@code ./rootscope args...}; when it fails, the message starts with {@code context}. */
    static void runRootscope(String context, String... args) {
        Path root = RepositoryRoot.find();
        String command = "./rootscope " + String.join(" ", args);
        try {
            Process process = new ProcessBuilder(Stream.concat(Stream.of(root.resolve("rootscope").toString()), Arrays.stream(args)).toList())
                    .directory(root.toFile())
                    .redirectErrorStream(true)
                    .start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException(context + " '" + command + "' failed:\n" + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }
}
