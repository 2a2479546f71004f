package io.rootscope.backend;

import com.zaxxer.hikari.HikariDataSource;
import io.rootscope.backend.config.BackendConfig;
import io.rootscope.backend.db.DataSourceFactory;
import io.rootscope.backend.tenancy.ApiTokens;
import io.rootscope.backend.tenancy.Tenants;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * {@code ./rootscope tenant add CODE [--name NAME] | list | token CODE[,CODE...] | token --admin}: manages tenants and
 * API tokens in the database the backend uses (the same configuration: {@link BackendConfig#load}). A new tenant's
 * jobs start in every running backend within a tick. A token is printed once, alone on its line; only its hash is
 * kept. Exit 0 on success, 1 when the database refuses, 2 on a usage error, each with a one-line message.
 */
public final class TenantCommand {

    private static final String USAGE = "usage: rootscope tenant add CODE [--name NAME] | list | token CODE[,CODE...] | token --admin";

    private TenantCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv()));
    }

    /** Runs one command; returns the exit status. */
    static int run(String[] args, Map<String, String> env) {
        if (args.length == 0) {
            return fail(2, "expected add, list or token");
        }
        BackendConfig config;
        try {
            config = BackendConfig.load(env);
        } catch (IllegalArgumentException e) {
            return fail(2, e.getMessage());
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        try (HikariDataSource db = DataSourceFactory.create(config.database().writer(), "tenant")) {
            DSLContext writer = DSL.using(db, SQLDialect.POSTGRES);
            Tenants tenants = new Tenants(writer);
            return switch (args[0]) {
                case "add" -> add(tenants, rest);
                case "list" -> list(tenants, rest);
                case "token" -> token(tenants, new ApiTokens(writer), rest);
                default -> fail(2, "unknown command '" + args[0] + "'");
            };
        } catch (IllegalArgumentException e) {
            return fail(2, e.getMessage());
        } catch (SQLException | RuntimeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            return fail(1, "database: " + String.valueOf(cause.getMessage()).lines().findFirst().orElse(""));
        }
    }

    private static int add(Tenants tenants, List<String> args) {
        String code = null;
        String name = null;
        for (int i = 0; i < args.size(); i++) {
            if ("--name".equals(args.get(i))) {
                if (i + 1 >= args.size()) {
                    return fail(2, "--name needs a value");
                }
                name = args.get(++i);
            } else if (args.get(i).startsWith("--") || code != null) {
                return fail(2, "unexpected argument '" + args.get(i) + "'");
            } else {
                code = args.get(i);
            }
        }
        if (code == null) {
            return fail(2, "add needs a tenant code");
        }
        Tenants.Tenant added = tenants.add(code, name);
        System.out.println("tenant " + added.code() + " added (id " + added.id() + ", name " + added.name() + ")");
        return 0;
    }

    private static int list(Tenants tenants, List<String> args) {
        if (!args.isEmpty()) {
            return fail(2, "list takes no arguments");
        }
        System.out.println("code\tid\tname");
        tenants.list().forEach(t -> System.out.println(t.code() + "\t" + t.id() + "\t" + t.name()));
        return 0;
    }

    private static int token(Tenants tenants, ApiTokens tokens, List<String> args) throws SQLException {
        if (args.size() != 1 || args.get(0).isBlank()) {
            return fail(2, "token needs CODE[,CODE...] or --admin");
        }
        if ("--admin".equals(args.get(0))) {
            System.out.println(tokens.issueAdmin());
        } else {
            List<String> codes = Arrays.stream(args.get(0).split(",", -1)).map(String::trim).toList();
            if (codes.stream().anyMatch(String::isEmpty)) {
                return fail(2, "tenants: a tenant code is empty in '" + args.get(0) + "'");
            }
            System.out.println(tokens.issueFor(tenants.idsOf(codes)));
        }
        System.err.println("rootscope tenant: the token is shown only now; the database keeps only its hash");
        return 0;
    }

    private static int fail(int status, String message) {
        System.err.println("rootscope tenant: " + message);
        if (status == 2) {
            System.err.println(USAGE);
        }
        return status;
    }
}
