package io.rootscope.backend.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rootscope.backend.testing.RepositoryRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docker/backend/Dockerfile cannot be built here (no Docker engine), so what it must be is checked by reading it: a Maven
 * build stage, then a JRE 17 runtime stage holding the unpacked release, run by a non-root user through the release's own
 * start script, health-checked on {@code /health}; every file it copies from the build context exists.
 */
class BackendDockerfileTest {

    static final String DOCKERFILE = "docker/backend/Dockerfile";
    static final String RELEASE_SCRIPT = "datasource-backend/src/release/bin/rootscope-backend";
    private static final Pattern FROM = Pattern.compile("^FROM\\s+(\\S+)(?:\\s+AS\\s+(\\S+))?$", Pattern.MULTILINE);
    private static final Pattern CONTEXT_COPY = Pattern.compile("^COPY\\s+(\\S+)\\s+\\S+$", Pattern.MULTILINE);
    private final Path root = RepositoryRoot.find();

    @Test
    void buildsWithMavenAndRunsOnAJre17() throws IOException {
        String text = Files.readString(root.resolve(DOCKERFILE));
        Matcher from = FROM.matcher(text);
        List<String> images = from.results().map(m -> m.group(1)).toList();
        assertEquals(List.of("maven:3.9-eclipse-temurin-17", "eclipse-temurin:17-jre"), images);
        assertTrue(text.contains("-pl datasource-backend -am package"), "the build stage packages the release");
        assertTrue(text.contains("COPY --from=build /release /opt/rootscope"), "the runtime stage holds the unpacked release");
    }

    @Test
    void runsTheReleaseScriptAsANonRootUser() throws IOException {
        String text = Files.readString(root.resolve(DOCKERFILE));
        String runtime = text.substring(text.lastIndexOf("\nFROM "));
        Matcher user = Pattern.compile("^USER\\s+(\\S+)$", Pattern.MULTILINE).matcher(runtime);
        assertTrue(user.find(), "the runtime stage names its user");
        assertFalse(List.of("root", "0").contains(user.group(1)), "runs as " + user.group(1));
        assertTrue(runtime.indexOf("\nUSER ") < runtime.indexOf("\nENTRYPOINT "), "the user is set before the entry point");
        assertTrue(runtime.contains("ENTRYPOINT [\"/opt/rootscope/bin/rootscope-backend\"]"), runtime);
        assertTrue(Files.isExecutable(root.resolve(RELEASE_SCRIPT)), RELEASE_SCRIPT + " is executable");
    }

    @Test
    void isHealthCheckedOnHealth() throws IOException {
        String text = Files.readString(root.resolve(DOCKERFILE));
        Matcher check = Pattern.compile("^HEALTHCHECK .*\\\\\\n\\s+CMD curl -fsS .*/health\"", Pattern.MULTILINE).matcher(text);
        assertTrue(check.find(), "a HEALTHCHECK curling /health:\n" + text);
    }

    @Test
    void everyFileCopiedFromTheContextExists() throws IOException {
        String text = Files.readString(root.resolve(DOCKERFILE));
        Matcher copies = CONTEXT_COPY.matcher(text);
        int count = 0;
        while (copies.find()) {
            assertTrue(Files.exists(root.resolve(copies.group(1))), "COPY source missing: " + copies.group(1));
            count++;
        }
        assertEquals(5, count, "pom.xml, e2e/pom.xml, analytics, datasource-backend, sql");
    }
}
