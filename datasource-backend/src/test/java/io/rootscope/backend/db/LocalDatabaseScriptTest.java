package io.rootscope.backend.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rootscope.backend.testing.RepositoryRoot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The clear errors of {@code ./rootscope db}: no stack of shell noise, a message naming the fix, a non-zero exit. */
class LocalDatabaseScriptTest {

    @TempDir
    Path home;

    @Test
    void startWithoutDebootstrapSaysHowToInstallIt() throws Exception {
        // A PATH with the basic tools but no debootstrap, and a home with no finished chroot.
        Path bin = Files.createDirectories(home.resolve("bin"));
        for (String tool : List.of("bash", "id", "dirname", "mkdir", "rm", "env", "cat", "grep", "head", "touch")) {
            Files.createSymbolicLink(bin.resolve(tool), Path.of("/usr/bin").resolve(tool).toRealPath());
        }
        Result result = run(List.of("start"), Map.of("PATH", bin.toString(), "ROOTSCOPE_HOME", home.toString()), false);
        assertEquals(1, result.exit, result.output);
        assertTrue(result.output.contains("debootstrap is not installed; install it with: apt-get install -y debootstrap"), result.output);
    }

    @Test
    void startAsANonRootUserSaysItNeedsRoot() throws Exception {
        Result result = run(List.of("start"), Map.of("ROOTSCOPE_HOME", home.toString()), true);
        assertEquals(1, result.exit, result.output);
        assertTrue(result.output.contains("must run as root"), result.output);
    }

    @Test
    void unknownSubcommandPrintsUsage() throws Exception {
        Result result = run(List.of("restart"), Map.of(), false);
        assertEquals(2, result.exit, result.output);
        assertTrue(result.output.contains("usage: rootscope db start|stop|status|psql"), result.output);
    }

    private record Result(int exit, String output) {
    }

    private static Result run(List<String> args, Map<String, String> env, boolean asNobody) throws IOException, InterruptedException {
        String script = RepositoryRoot.find().resolve("scripts/db.sh").toString();
        List<String> command = new java.util.ArrayList<>(asNobody
                ? List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "/usr/bin/bash", script)
                : List.of("/usr/bin/bash", script));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(process.waitFor(), output);
    }
}
