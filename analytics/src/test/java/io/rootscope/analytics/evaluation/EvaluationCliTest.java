package io.rootscope.analytics.evaluation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EvaluationCliTest {

    private record Run(int status, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = EvaluationCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void usageErrorsExitWithStatus2AndNoStackTrace(@TempDir Path tmp) throws IOException {
        CaseDirectoryReaderTest.writeCase(tmp, "c1");
        for (String[] args : new String[][]{
                {"eval", "--method", "nope", tmp.toString()},
                {"eval", "--method", "baro", "--param", "x=1", tmp.toString()},
                {"eval", "--method", "all", "--param", "rho=0.1", tmp.toString()},
                {"eval", "--param", "novalue", tmp.toString()},
                {"eval", "--frobnicate", tmp.toString()},
                {"eval", "--metric-mapping", "cpu", tmp.toString()},
                {"eval", "--method", "baro"},
                {"eval", "--without", "traces", tmp.toString()},
                {"eval", "--without", "metrics", "--without", "logs", "--without", "spans", tmp.toString()},
                {"eval", tmp.resolve("missing").toString()}}) {
            Run r = run(args);
            assertEquals(2, r.status(), String.join(" ", args));
            assertTrue(r.err().startsWith("eval: ") && r.err().contains("usage:"), r.err());
            assertFalse(r.err().contains("\tat "), r.err());
        }
    }

    @Test
    void printsTheTableForEveryMethod(@TempDir Path tmp) throws IOException {
        CaseDirectoryReaderTest.writeCase(tmp, "c1");
        Run r = run("eval", "--method", "all", "--per-case", tmp.toString());
        assertEquals(0, r.status(), r.err());
        for (String method : new String[]{"automap", "automap-robust", "nsigma", "baro", "pagerank"}) {
            assertTrue(r.out().lines().anyMatch(l -> l.startsWith(method + " ") && l.contains(" all ")), method);
        }
    }

    @Test
    void onlineConfirmsEachCaseToTheLearningMethod(@TempDir Path tmp) throws IOException {
        CaseDirectoryReaderTest.writeCase(tmp, "c1");
        CaseDirectoryReaderTest.writeCase(tmp, "c2");
        Run r = run("eval", "--method", "automap-robust", "--online", "--per-case", tmp.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("automap-robust online ") && l.contains(" all ")), r.out());
    }

    @Test
    void namesTheTelemetryLeftOut(@TempDir Path tmp) throws IOException {
        CaseDirectoryReaderTest.writeCase(tmp, "c1");
        Run r = run("eval", "--method", "baro", "--without", "spans", "--without", "logs", "--per-case", tmp.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("baro without logs, spans ") && l.contains(" all ")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("baro without logs, spans ") && l.contains("c1")), r.out());
    }

    /**
     * The fixture's `return` fault is found from its logs with no spans read, its network delay from its spans with no
     * logs read: the method uses what a case has (without logs the `return` fault ranks 20th, without spans the delay
     * 25th: Train Ticket's spans carry no status, and its metrics are sampled once a minute).
     */
    @Test
    void eachKindOfTelemetryFindsTheFaultsItRecords() throws URISyntaxException {
        Path dataset = fixture("/nezha-tt-multimodal");
        String code = dataset.resolve("train-ticket-2023-01-29-08-ts-food-service-return").toString();
        String delay = dataset.resolve("train-ticket-2023-01-30-13-ts-route-service-network_delay").toString();
        assertTrue(run("--method", "default", "--without", "spans", code).out().lines()
                .anyMatch(l -> l.matches("multimodal without spans\\s+all\\s+1\\s+1\\.000.*")));
        assertTrue(run("--method", "default", "--without", "logs", delay).out().lines()
                .anyMatch(l -> l.matches("multimodal without logs\\s+all\\s+1\\s+1\\.000.*")));
    }

    @Test
    void acceptsAMetricMapping(@TempDir Path tmp) throws IOException {
        CaseDirectoryReaderTest.writeCase(tmp, "c1");
        Run r = run("eval", "--method", "baro", "--metric-mapping", "latency=lat_50", "--per-case", tmp.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("baro ") && l.contains("c1")), r.out());
    }

    /** Two real Sock Shop cases of the shared datasets, shipped as test fixtures so a plain clone runs this test too. */
    @Test
    void defaultMethodFindsTheRootCauseOfRealCases() throws URISyntaxException {
        Path dataset = fixture("/sockshop-rcd");
        assertDefaultMethodRanksEveryRootCauseFirst(dataset.resolve("orders-mem-1"), dataset.resolve("user-cpu-2"));
    }

    /**
     * Two real Train Ticket cases with logs and spans (from nezha-tt-multimodal, shipped as test fixtures): a return
     * fault (the whole case) and a network delay (a third of its log lines and spans), whose root causes none of the
     * metric-only methods ranks in its top 5.
     */
    @Test
    void defaultMethodFindsTheRootCauseOfRealCasesFromLogsAndSpans() throws URISyntaxException {
        Path dataset = fixture("/nezha-tt-multimodal");
        assertDefaultMethodRanksEveryRootCauseFirst(dataset.resolve("train-ticket-2023-01-29-08-ts-food-service-return"),
                dataset.resolve("train-ticket-2023-01-30-13-ts-route-service-network_delay"));
    }

    private static Path fixture(String dataset) throws URISyntaxException {
        return Path.of(EvaluationCliTest.class.getResource(dataset).toURI());
    }

    private static void assertDefaultMethodRanksEveryRootCauseFirst(Path first, Path second) {
        Run r = run("--method", "default", first.toString(), second.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("multimodal\\s+all\\s+2\\s+1\\.000.*")), r.out());
    }
}
