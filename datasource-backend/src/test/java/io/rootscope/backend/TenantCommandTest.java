package io.rootscope.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rootscope.backend.tenancy.ApiTokens;
import io.rootscope.backend.tenancy.Caller;
import io.rootscope.backend.tenancy.Tenants;
import io.rootscope.backend.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/** {@code ./rootscope tenant}: adds and lists tenants and issues tokens in the configured database; bad input exits 2 with one line. */
class TenantCommandTest {

    private record Run(int status, String out, String err) {
    }

    private final Map<String, String> env = Map.of(
            "ROOTSCOPE_JDBC_URL", TestDatabase.shared().settings("x", "x").jdbcUrl(),
            "ROOTSCOPE_DB_USER", TestDatabase.APP_ROLE,
            "ROOTSCOPE_DB_PASSWORD", System.getenv().getOrDefault("ROOTSCOPE_DB_PASSWORD", "rootscope"));

    @Test
    void addsListsAndIssuesTokens() throws Exception {
        String code = "cli-" + UUID.randomUUID().toString().substring(0, 8);
        Run added = run("add", code, "--name", "Command line");
        assertEquals(0, added.status(), added.err());
        assertTrue(added.out().startsWith("tenant " + code + " added (id "), added.out());
        Run listed = run("list");
        assertEquals(0, listed.status());
        assertTrue(listed.out().lines().anyMatch(line -> line.startsWith(code + "\t") && line.endsWith("\tCommand line")), listed.out());

        Run token = run("token", code + ",default");
        assertEquals(0, token.status(), token.err());
        String issued = token.out().trim();
        long id = new Tenants(DSL.using(TestDatabase.shared().dataSource(), SQLDialect.POSTGRES)).idsOf(java.util.List.of(code)).iterator().next();
        assertEquals(Optional.of(Caller.ofTenants(Set.of(id, 1L))), new ApiTokens(DSL.using(TestDatabase.shared().dataSource(), SQLDialect.POSTGRES)).lookup(issued));
        Run admin = run("token", "--admin");
        assertEquals(Optional.of(Caller.ADMIN), new ApiTokens(DSL.using(TestDatabase.shared().dataSource(), SQLDialect.POSTGRES)).lookup(admin.out().trim()));
    }

    @Test
    void badInputExitsNonZeroWithOneLine() {
        String code = "cli-" + UUID.randomUUID().toString().substring(0, 8);
        assertEquals(0, run("add", code).status());
        for (String[] args : new String[][] {{}, {"add"}, {"add", code}, {"add", "Upper Case"}, {"add", code + "x", "--name"},
                {"token"}, {"token", "no-such-tenant"}, {"token", code + ",,default"}, {"list", "extra"}, {"remove", code}}) {
            Run run = run(args);
            assertEquals(2, run.status(), String.join(" ", args) + ": " + run.err());
            // One message line (the pool's own log lines aside), then the usage.
            assertEquals(1, run.err().lines().filter(line -> line.startsWith("rootscope tenant: ")).count(), run.err());
            assertEquals("", run.out(), String.join(" ", args));
        }
        Run unreachable = runWith(Map.of("ROOTSCOPE_JDBC_URL", "jdbc:postgresql://127.0.0.1:1/none"), "list");
        assertEquals(1, unreachable.status(), unreachable.err());
    }

    private Run run(String... args) {
        return runWith(env, args);
    }

    private static synchronized Run runWith(Map<String, String> env, String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream capturedOut = new ByteArrayOutputStream();
        ByteArrayOutputStream capturedErr = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(capturedOut, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(capturedErr, true, StandardCharsets.UTF_8));
            int status = TenantCommand.run(args, env);
            return new Run(status, capturedOut.toString(StandardCharsets.UTF_8), capturedErr.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }
}
