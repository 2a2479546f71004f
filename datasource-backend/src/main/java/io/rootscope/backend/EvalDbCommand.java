package io.rootscope.backend;

import io.rootscope.analytics.evaluation.CaseDirectoryReader;
import io.rootscope.analytics.evaluation.Evaluation;
import io.rootscope.analytics.rca.methods.RootCauseMethods;
import io.rootscope.backend.config.BackendConfig;
import io.rootscope.backend.config.DatabaseConfig;
import io.rootscope.backend.db.ScratchDatabase;
import io.rootscope.backend.ingest.csv.RejectedRecord;
import io.rootscope.backend.evaluation.DatabaseEvaluation;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code ./rootscope eval-db [--method NAME] [--keep] CASE_DIR_OR_PARENT...}: ingests every case into a new database
 * (one tenant per case) and diagnoses each through the backend's RCA path, then prints the table of
 * {@code ./rootscope eval} for that run and for the in-memory run of the same method, each case's two top-1s, and the
 * share of cases where they agree. The database is dropped at the end unless {@code --keep}. Exit 0 when every case
 * was run, 1 when the database or a case failed, 2 on a usage error.
 */
public final class EvalDbCommand {

    public static final String USAGE = "usage: rootscope eval-db [--method NAME] [--keep] CASE_DIR_OR_PARENT...\n  methods: "
            + String.join(", ", RootCauseMethods.names());
    /** The share of cases whose top-1 must be the same through the database as in memory (issue 12). */
    public static final double AGREEMENT_TARGET = 0.95;
    private static final String DATABASE_PREFIX = "rootscope_evaldb";
    private static final int REJECTS_SHOWN = 3;

    private EvalDbCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    /** Runs the command against the server {@code env} configures; returns the exit status. */
    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        DatabaseConfig configured;
        try {
            configured = BackendConfig.load(env).database();
        } catch (IllegalArgumentException e) {
            err.println("eval-db: " + e.getMessage());
            return 2;
        }
        Arguments arguments;
        List<Path> cases;
        try {
            arguments = Arguments.parse(args);
            cases = CaseDirectoryReader.caseDirectories(arguments.dirs());
        } catch (IllegalArgumentException | UncheckedIOException e) {
            err.println("eval-db: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        long started = System.nanoTime();
        ScratchDatabase database;
        try {
            database = ScratchDatabase.create(configured.writer(), configured.adminUser(), configured.adminPassword(), DATABASE_PREFIX);
        } catch (IllegalStateException | IllegalArgumentException e) {
            err.println("eval-db: " + e.getMessage());
            return 1;
        }
        out.printf("eval-db: %d cases into database %s, method %s%n", cases.size(), database.name(), arguments.method());
        try {
            List<DatabaseEvaluation.Outcome> outcomes = evaluate(database, arguments.method(), cases, err);
            print(arguments.method(), outcomes, out);
            out.printf("eval-db: %d cases in %.1f s; heap peak %d MB of %d (the heap pools' peaks, garbage included)%n", cases.size(),
                    (System.nanoTime() - started) / 1e9, heapPeakBytes() >> 20, Runtime.getRuntime().maxMemory() >> 20);
            return 0;
        } catch (CaseFailure e) {
            err.println("eval-db: " + e.getMessage());
            return 1;
        } finally {
            if (arguments.keep()) {
                database.keep();
            }
            try {
                database.close();
                out.println("eval-db: database " + database.name() + (arguments.keep() ? " kept" : " dropped"));
            } catch (IllegalStateException e) {
                err.println("eval-db: " + e.getMessage());
            }
        }
    }

    private static List<DatabaseEvaluation.Outcome> evaluate(ScratchDatabase database, String method, List<Path> cases, PrintStream err) {
        DatabaseEvaluation evaluation = new DatabaseEvaluation(database.dataSource(), method);
        List<DatabaseEvaluation.Outcome> outcomes = new ArrayList<>();
        for (Path dir : cases) {
            DatabaseEvaluation.Outcome outcome;
            try {
                outcome = evaluation.evaluate(dir);
            } catch (IOException | SQLException | RuntimeException e) {
                throw new CaseFailure("case " + dir + ": " + e.getMessage(), e);
            }
            List<RejectedRecord> rejected = outcome.imported().rejected();
            if (!rejected.isEmpty()) {
                err.println("eval-db: case " + outcome.database().caseId() + ": " + rejected.size() + " rows rejected, the first ones: "
                        + String.join("; ", rejected.stream().limit(REJECTS_SHOWN).map(RejectedRecord::toString).toList()));
            }
            outcome.databaseProblem().ifPresent(problem ->
                    err.println("eval-db: case " + outcome.database().caseId() + ": no diagnosis through the database: " + problem));
            outcomes.add(outcome);
        }
        return outcomes;
    }

    private static void print(String method, List<DatabaseEvaluation.Outcome> outcomes, PrintStream out) {
        out.println("through the database:");
        out.print(Evaluation.table(List.of(Evaluation.of(method, outcomes.stream().map(DatabaseEvaluation.Outcome::database).toList()))));
        out.println("in memory (as eval):");
        out.print(Evaluation.table(List.of(Evaluation.of(method, outcomes.stream().map(DatabaseEvaluation.Outcome::memory).toList()))));
        out.printf("%-60s %-24s %-24s %-24s %s%n", "case", "root cause", "top-1 database", "top-1 in memory", "agree");
        int agreeing = 0;
        for (DatabaseEvaluation.Outcome o : outcomes) {
            agreeing += o.agree() ? 1 : 0;
            out.printf("%-60s %-24s %-24s %-24s %s%n", o.database().caseId(), o.database().rootCause(),
                    DatabaseEvaluation.Outcome.top1(o.database()), DatabaseEvaluation.Outcome.top1(o.memory()), o.agree() ? "yes" : "NO");
        }
        out.printf("agreement: %d of %d cases = %.3f (target >= %.2f)%n", agreeing, outcomes.size(),
                outcomes.isEmpty() ? Double.NaN : (double) agreeing / outcomes.size(), AGREEMENT_TARGET);
    }

    private static long heapPeakBytes() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(pool -> pool.getType() == MemoryType.HEAP)
                .mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
    }

    /** A case that could not be imported or diagnosed: the run stops, naming it. */
    private static final class CaseFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CaseFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private record Arguments(String method, boolean keep, List<Path> dirs) {

        static Arguments parse(String[] args) {
            String method = RootCauseMethods.DEFAULT;
            boolean keep = false;
            List<Path> dirs = new ArrayList<>();
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--method" -> {
                        if (++i >= args.length) {
                            throw new IllegalArgumentException("--method needs a value");
                        }
                        method = args[i];
                    }
                    case "--keep" -> keep = true;
                    default -> {
                        if (args[i].startsWith("--")) {
                            throw new IllegalArgumentException("unknown option " + args[i]);
                        }
                        dirs.add(Path.of(args[i]));
                    }
                }
            }
            if (!RootCauseMethods.names().contains(method)) {
                throw new IllegalArgumentException("unknown method '" + method + "'");
            }
            if (dirs.isEmpty()) {
                throw new IllegalArgumentException("no case directory given");
            }
            return new Arguments(method, keep, dirs);
        }
    }
}
