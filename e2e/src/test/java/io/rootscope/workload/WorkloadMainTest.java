package io.rootscope.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The command line as a user sees it: a separate JVM, its exit code and its stderr. */
class WorkloadMainTest {

    private record Result(int exitCode, String stderr) {
    }

    private static Result run(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                System.getProperty("java.home") + File.separator + "bin" + File.separator + "java",
                "-cp", System.getProperty("java.class.path"), WorkloadMain.class.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).start();
        assertTrue(process.waitFor(20, TimeUnit.SECONDS), "exits");
        return new Result(process.exitValue(), new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void badArgumentsExitWithCode2AndAMessage() throws Exception {
        Result result = run("--fault", "CPU_STRESS:nowhere:60:0.5", "--port", "0");
        assertEquals(WorkloadMain.EXIT_USAGE, result.exitCode());
        assertTrue(result.stderr().startsWith("error: unknown target nowhere"), result.stderr());
        assertFalse(result.stderr().contains("\tat "), "no stack trace");

        Result unknownOption = run("--speed", "9");
        assertEquals(WorkloadMain.EXIT_USAGE, unknownOption.exitCode());
        assertTrue(unknownOption.stderr().contains("usage: WorkloadMain"));
    }
}
