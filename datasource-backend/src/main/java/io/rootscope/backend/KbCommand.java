package io.rootscope.backend;

import com.zaxxer.hikari.HikariDataSource;
import io.rootscope.backend.config.BackendConfig;
import io.rootscope.backend.db.DataSourceFactory;
import io.rootscope.backend.knowledge.InvalidRunbookException;
import io.rootscope.backend.knowledge.RunbookLoader;
import io.rootscope.backend.knowledge.SentenceEmbedder;
import java.nio.file.Path;
import java.util.List;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * {@code ./rootscope kb load DIR [--tenant CODE]}: makes the tenant's runbooks those of the folder's Markdown and YAML
 * files ({@link RunbookLoader}; the tenant of {@code ROOTSCOPE_RUNBOOKS_TENANT} by default, {@code default} unless set)
 * in the database the backend uses. Prints what was added, changed, left unchanged and removed. Exit 0 on success, 1
 * when a file is bad (each named; nothing is changed) or the database refuses, 2 on a usage or configuration error.
 */
public final class KbCommand {

    private static final String USAGE = "usage: rootscope kb load DIR [--tenant CODE]";

    private KbCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, BackendConfig.forCommand("kb")));
    }

    /** Runs one command; returns the exit status. */
    static int run(String[] args, BackendConfig config) {
        if (args.length == 0 || !"load".equals(args[0])) {
            return fail(2, args.length == 0 ? "expected load" : "unknown command '" + args[0] + "'");
        }
        String folder = null;
        String tenant = config.runbooks().tenant();
        for (int i = 1; i < args.length; i++) {
            if ("--tenant".equals(args[i])) {
                if (i + 1 >= args.length || args[i + 1].isBlank()) {
                    return fail(2, "--tenant needs a value");
                }
                tenant = args[++i];
            } else if (args[i].startsWith("--") || folder != null) {
                return fail(2, "unexpected argument '" + args[i] + "'");
            } else {
                folder = args[i];
            }
        }
        if (folder == null) {
            return fail(2, "load needs a folder");
        }
        try (HikariDataSource db = DataSourceFactory.create(config.database().writer(), "kb")) {
            RunbookLoader.LoadReport report = new RunbookLoader(DSL.using(db, SQLDialect.POSTGRES), new SentenceEmbedder())
                    .load(Path.of(folder), tenant);
            print("added", report.added());
            print("changed", report.changed());
            print("unchanged", report.unchanged());
            print("removed", report.removed());
            System.out.println("rootscope kb: runbooks of tenant " + tenant + " from " + folder + ": " + report);
            return 0;
        } catch (InvalidRunbookException e) {
            return fail(1, e.getMessage());
        } catch (IllegalArgumentException e) {
            return fail(2, e.getMessage());
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            return fail(1, "database: " + String.valueOf(cause.getMessage()).lines().findFirst().orElse(""));
        }
    }

    private static void print(String what, List<String> files) {
        files.forEach(file -> System.out.println(what + "\t" + file));
    }

    private static int fail(int status, String message) {
        System.err.println("rootscope kb: " + message);
        if (status == 2) {
            System.err.println(USAGE);
        }
        return status;
    }
}
