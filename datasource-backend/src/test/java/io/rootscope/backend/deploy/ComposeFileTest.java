package io.rootscope.backend.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.rootscope.backend.testing.RepositoryRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** compose.yaml cannot be run here (no Docker engine), so its structure and every file it builds from are checked. */
class ComposeFileTest {

    private static final Pattern COPY = Pattern.compile("^COPY\\s+(\\S+)\\s+\\S+$", Pattern.MULTILINE);
    private static Path root;
    private static JsonNode compose;

    @BeforeAll
    static void read() throws IOException {
        root = RepositoryRoot.find();
        compose = new ObjectMapper(new YAMLFactory()).readTree(root.resolve("compose.yaml").toFile());
    }

    /** Long-running services are health-checked; a one-shot job is awaited by completion instead. */
    @Test
    void everyLongRunningServiceHasAHealthcheck() {
        java.util.Set<String> oneShot = new java.util.HashSet<>();
        compose.get("services").forEach(service -> service.path("depends_on").fields().forEachRemaining(dependency -> {
            if ("service_completed_successfully".equals(dependency.getValue().path("condition").asText())) {
                oneShot.add(dependency.getKey());
            }
        }));
        compose.get("services").fields().forEachRemaining(service -> assertTrue(
                oneShot.contains(service.getKey()) || service.getValue().has("healthcheck"), service.getKey() + " has no healthcheck"));
    }

    @Test
    void postgresIsBuiltFromTheRepositoryDockerfileAndEveryCopiedFileExists() throws IOException {
        JsonNode build = compose.at("/services/postgres/build");
        Path context = root.resolve(build.get("context").asText()).normalize();
        Path dockerfile = context.resolve(build.get("dockerfile").asText());
        assertTrue(Files.isRegularFile(dockerfile), dockerfile.toString());
        String text = Files.readString(dockerfile);
        assertTrue(text.contains("FROM debian:trixie"), "same Debian trixie packages as the local database");
        Matcher copies = COPY.matcher(text);
        int count = 0;
        while (copies.find()) {
            assertTrue(Files.exists(context.resolve(copies.group(1))), "COPY source missing: " + copies.group(1));
            count++;
        }
        assertEquals(2, count);
    }

    @Test
    void postgresDataLivesInADeclaredNamedVolume() {
        String mount = compose.at("/services/postgres/volumes/0").asText();
        String volume = mount.substring(0, mount.indexOf(':'));
        assertFalse(volume.startsWith(".") || volume.startsWith("/"), "a named volume, not a bind mount: " + mount);
        assertTrue(compose.get("volumes").has(volume), "volume " + volume + " is not declared");
    }

    /**
     * The launcher bounds every Java run's heap (ROOTSCOPE_HEAP, JAVA_OPTS after it), the release's start script does the
     * same, and compose sets it for the backend's image, which runs that script.
     */
    @Test
    void theBackendRunsInABoundedHeap() throws IOException {
        String launcher = Files.readString(root.resolve("rootscope"));
        assertTrue(launcher.contains("exec java \"-Xmx${ROOTSCOPE_HEAP:-$HEAP_DEFAULT}\" ${JAVA_OPTS:-}"), "run_java passes -Xmx first");
        assertTrue(launcher.matches("(?s).*\\nHEAP_DEFAULT=\\d+[mg]\\n.*"), "a default heap");
        String script = Files.readString(root.resolve(BackendDockerfileTest.RELEASE_SCRIPT));
        assertTrue(script.contains("exec java \"-Xmx${ROOTSCOPE_HEAP:-2g}\" ${JAVA_OPTS:-}"), "the release's script passes -Xmx first");
        assertTrue(compose.at("/services/backend/environment/ROOTSCOPE_HEAP").asText().startsWith("${ROOTSCOPE_HEAP:-"),
                compose.at("/services/backend/environment").toString());
    }

    /** The backend runs the image of its Dockerfile: no Maven image compiling the mounted source tree at start. */
    @Test
    void theBackendRunsItsReleaseImage() {
        JsonNode backend = compose.at("/services/backend");
        assertEquals(".", backend.at("/build/context").asText());
        assertEquals(BackendDockerfileTest.DOCKERFILE, backend.at("/build/dockerfile").asText());
        assertFalse(backend.has("command"), "the image's entry point runs the release: " + backend.get("command"));
        assertFalse(backend.has("volumes"), "no source tree mounted: " + backend.get("volumes"));
        assertTrue(backend.at("/healthcheck/test").toString().contains("/health"), backend.get("healthcheck").toString());
    }

    /** Issue 14's shape: backend replicas whose panel reader is a hot standby the postgres image makes of the primary. */
    @Test
    void backendReplicasReadFromAStreamingStandbyOfPostgres() throws IOException {
        JsonNode standby = compose.at("/services/postgres-standby");
        assertEquals(compose.at("/services/postgres/build"), standby.get("build"), "the same image as the primary");
        assertEquals("postgres", standby.at("/environment/POSTGRES_STANDBY_OF").asText());
        assertEquals("service_healthy", standby.at("/depends_on/postgres/condition").asText());
        String entrypoint = Files.readString(root.resolve("docker/postgres/entrypoint.sh"));
        assertTrue(entrypoint.contains("pg_basebackup -h \"$POSTGRES_STANDBY_OF\"") && entrypoint.contains(" -R "),
                "the standby is a base backup of the primary that streams from it");
        assertTrue(entrypoint.contains("host replication $REPLICATION_USER"), "the primary lets the replication role stream");
        JsonNode backend = compose.at("/services/backend");
        assertTrue(backend.at("/deploy/replicas").asInt() >= 2, "several backend replicas: " + backend.get("deploy"));
        assertEquals("jdbc:postgresql://postgres-standby:5432/rootscope", backend.at("/environment/ROOTSCOPE_DB_READER_URL").asText());
        assertFalse(backend.at("/environment").has("ROOTSCOPE_REPLICA_ID"), "one id for all replicas would make them one");
        assertEquals("service_healthy", backend.at("/depends_on/postgres-standby/condition").asText());
    }
}
