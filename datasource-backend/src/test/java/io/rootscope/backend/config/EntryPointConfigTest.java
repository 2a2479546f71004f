package io.rootscope.backend.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rootscope.backend.BackendMain;
import io.rootscope.backend.EvalDbCommand;
import io.rootscope.backend.IngestCommand;
import io.rootscope.backend.MigrateCommand;
import io.rootscope.backend.TenantCommand;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command-line entry point of the backend module reads the one configuration: an unknown key in its environment,
 * or a bad value in its {@code ROOTSCOPE_CONFIG} file, ends it with exit status 2 and a message naming the key, before it
 * touches a database, and never with a stack trace. Each runs as a process of its own, as the launcher runs it.
 */
class EntryPointConfigTest {

    /** Built, so that the repository-wide scan of ConfigKeysTest does not take it for a key someone uses. */
    private static final String MISSPELT = ConfigKey.PREFIX + "QUERY_TIMEOUT_SECS";

    private record Command(Class<?> main, String prefix, List<String> args) {
    }

    @TempDir
    Path dir;

    @Test
    void anUnknownKeyInTheEnvironmentEndsEveryCommandNamingIt() throws Exception {
        for (Command command : commands()) {
            String err = refused(command, Map.of(MISSPELT, "5"));
            assertTrue(err.contains("unknown setting " + MISSPELT + " in the environment"), command.main().getSimpleName() + ": " + err);
        }
    }

    @Test
    void aBadValueInTheFileEndsEveryCommandNamingItsKey() throws Exception {
        Path file = Files.writeString(dir.resolve("rootscope.properties"), "ROOTSCOPE_DB_POOL_SIZE=many\n");
        for (Command command : commands()) {
            String err = refused(command, Map.of("ROOTSCOPE_CONFIG", file.toString()));
            assertTrue(err.contains("ROOTSCOPE_DB_POOL_SIZE must be a whole number, got 'many'"), command.main().getSimpleName() + ": " + err);
        }
    }

    private List<Command> commands() throws Exception {
        Path traces = Files.writeString(dir.resolve("traces.json"), "{}");
        return List.of(
                new Command(BackendMain.class, "rootscope serve: ", List.of()),
                new Command(MigrateCommand.class, "rootscope db migrate: ", List.of()),
                new Command(IngestCommand.class, "rootscope ingest: ", List.of("traces", traces.toString())),
                new Command(TenantCommand.class, "rootscope tenant: ", List.of("list")),
                new Command(EvalDbCommand.class, "eval-db: ", List.of(dir.toString())));
    }

    /** Runs {@code command} with only {@code settings} among the ROOTSCOPE_* variables; returns its standard error. */
    private static String refused(Command command, Map<String, String> settings) throws Exception {
        List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), command.main().getName()));
        line.addAll(command.args());
        ProcessBuilder builder = new ProcessBuilder(line).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().keySet().removeIf(name -> name.startsWith(ConfigKey.PREFIX));
        builder.environment().putAll(settings);
        Process process = builder.start();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), command.main().getSimpleName() + " ended");
        String name = command.main().getSimpleName();
        assertEquals(2, process.exitValue(), name + ": " + err);
        assertTrue(err.startsWith(command.prefix()), name + ": " + err);
        assertFalse(err.contains("Exception") || err.contains("\tat "), name + " printed a stack trace: " + err);
        return err;
    }
}
