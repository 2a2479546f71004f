package io.rootscope.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rootscope.analytics.rca.methods.RootCauseMethods;
import io.rootscope.backend.testing.DatabaseServer;
import io.rootscope.backend.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class EvalDbCommandTest {

    private static final String MULTIMODAL = "/nezha-tt-multimodal/train-ticket-2023-01-29-06-ts-basic-service-exception";
    private static final String METRICS_ONLY = "/sockshop-rcd/carts-cpu-1";

    private record Run(int status, String out, String err) {
    }

    @Test
    void ingestsEachCaseIntoAFreshDatabaseDiagnosesItThereAndInMemoryAndDropsTheDatabase() throws Exception {
        for (String method : List.of(RootCauseMethods.DEFAULT, "nsigma")) {
            Run run = run("--method", method, fixture(MULTIMODAL).toString(), fixture(METRICS_ONLY).toString());

            assertEquals(0, run.status(), run.err());
            Matcher database = Pattern.compile("into database (rootscope_evaldb_[0-9a-f]{12}), method " + Pattern.quote(method))
                    .matcher(run.out());
            assertTrue(database.find(), run.out());
            List<String> lines = run.out().lines().toList();
            int dbTable = lines.indexOf("through the database:");
            int memoryTable = lines.indexOf("in memory (as eval):");
            assertTrue(dbTable >= 0 && memoryTable > dbTable, run.out());
            // The eval table: a header, then all and one row per fault type (cpu, exception) of each run.
            for (int table : List.of(dbTable, memoryTable)) {
                assertTrue(lines.get(table + 1).matches("method\\s+faults\\s+cases\\s+AC@1\\s+AC@3\\s+Avg@5\\s+p50 ms\\s+p95 ms"), run.out());
                assertTrue(lines.get(table + 2).matches(Pattern.quote(method) + "\\s+all\\s+2\\s.*"), run.out());
                assertTrue(lines.get(table + 3).matches(Pattern.quote(method) + "\\s+cpu\\s+1\\s.*"), run.out());
                assertTrue(lines.get(table + 4).matches(Pattern.quote(method) + "\\s+exception\\s+1\\s.*"), run.out());
            }
            // Per case: its root cause, both top-1s (services of the case, not URNs) and whether they agree.
            Pattern perCase = Pattern.compile("(\\S+)\\s+(\\S+)\\s+(\\S+)\\s+(\\S+)\\s+(yes|NO)");
            int agreeing = 0;
            for (String id : List.of("train-ticket-2023-01-29-06-ts-basic-service-exception", "carts-cpu-1")) {
                String line = lines.stream().filter(l -> l.startsWith(id + " ")).findFirst().orElseThrow(() -> new AssertionError(run.out()));
                Matcher cells = perCase.matcher(line);
                assertTrue(cells.matches(), line);
                assertTrue(!cells.group(3).startsWith("urn:") && !cells.group(3).equals("-"), line);
                assertEquals(cells.group(3).equals(cells.group(4)) ? "yes" : "NO", cells.group(5), line);
                agreeing += cells.group(5).equals("yes") ? 1 : 0;
            }
            assertTrue(run.out().contains(String.format("agreement: %d of 2 cases = %.3f (target >= 0.95)", agreeing, agreeing / 2.0)),
                    run.out());
            assertTrue(run.out().contains("database " + database.group(1) + " dropped"), run.out());
            assertEquals(List.of(), databasesNamed(database.group(1)), "the database is dropped at the end");
        }
    }

    @Test
    void usageErrorsExitTwoWithAMessageAndTouchNoDatabase() throws Exception {
        Run unknownOption = run("--fast", fixture(METRICS_ONLY).toString());
        assertEquals(2, unknownOption.status());
        assertEquals("eval-db: unknown option --fast", unknownOption.err().lines().findFirst().orElseThrow());
        assertTrue(unknownOption.err().contains(EvalDbCommand.USAGE), unknownOption.err());
        assertEquals("", unknownOption.out());

        Run unknownMethod = run("--method", "oracle", fixture(METRICS_ONLY).toString());
        assertEquals(2, unknownMethod.status());
        assertEquals("eval-db: unknown method 'oracle'", unknownMethod.err().lines().findFirst().orElseThrow());

        Run missing = run("/no/such/case");
        assertEquals(2, missing.status());
        assertEquals("eval-db: not a directory: /no/such/case", missing.err().lines().findFirst().orElseThrow());

        Run nothing = run("--method");
        assertEquals(2, nothing.status());
        assertEquals("eval-db: --method needs a value", nothing.err().lines().findFirst().orElseThrow());
        assertTrue(!nothing.err().contains("Exception"), nothing.err());
    }

    /** The command against the test server, as its superuser and the application role the tests use. */
    private static Run run(String... args) {
        TestDatabase.shared(); // makes the roles
        DatabaseServer server = TestDatabase.server();
        Map<String, String> env = Map.of("ROOTSCOPE_JDBC_URL", server.jdbcUrl("rootscope"),
                "ROOTSCOPE_DB_USER", TestDatabase.APP_ROLE,
                "ROOTSCOPE_DB_PASSWORD", System.getenv().getOrDefault("ROOTSCOPE_DB_PASSWORD", "rootscope"),
                "ROOTSCOPE_DB_ADMIN_USER", server.adminUser(), "ROOTSCOPE_DB_ADMIN_PASSWORD", server.adminPassword());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = EvalDbCommand.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static List<String> databasesNamed(String name) throws SQLException {
        try (Connection admin = TestDatabase.admin("postgres");
             PreparedStatement query = admin.prepareStatement("SELECT datname FROM pg_database WHERE datname = ?")) {
            query.setString(1, name);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? List.of(rows.getString(1)) : List.of();
            }
        }
    }

    private static Path fixture(String path) throws URISyntaxException {
        return Path.of(EvalDbCommandTest.class.getResource(path).toURI());
    }
}
