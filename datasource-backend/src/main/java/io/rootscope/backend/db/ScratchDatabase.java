package io.rootscope.backend.db;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * A new database on the configured server, made as {@code ./rootscope db start} and the tests make theirs: created by a
 * superuser and owned by the application role, prepared by {@code sql/bootstrap/prepare_database.sql} (extensions, AGE
 * grants, search path), then migrated as the application role. Dropped on {@link #close()} unless {@linkplain #keep kept}.
 * The superuser is the configuration's ({@code ROOTSCOPE_DB_ADMIN_USER}, {@code ROOTSCOPE_DB_ADMIN_PASSWORD}).
 */
// JDBC: connection plumbing: CREATE and DROP DATABASE on the server's admin connection (db/package-info).
public final class ScratchDatabase implements AutoCloseable {

    private static final String BOOTSTRAP = "/db/bootstrap/prepare_database.sql";
    private static final String POSTGRES_PREFIX = "jdbc:postgresql://";

    private final String name;
    private final DatabaseSettings settings;
    private final String adminUser;
    private final String adminPassword;
    private final HikariDataSource dataSource;
    private boolean kept;

    private ScratchDatabase(String name, DatabaseSettings settings, String adminUser, String adminPassword) {
        this.name = name;
        this.settings = settings;
        this.adminUser = adminUser;
        this.adminPassword = adminPassword;
        this.dataSource = DataSourceFactory.create(settings, "scratch-" + name);
    }

    /**
     * Creates, prepares and migrates a database named {@code prefix} and a random suffix on the server of the
     * configured writer, owned by the writer's role.
     *
     * @throws IllegalStateException naming the step that failed (the database is dropped again)
     */
    public static ScratchDatabase create(DatabaseSettings configured, String adminUser, String adminPassword, String prefix) {
        String name = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        DatabaseSettings settings = new DatabaseSettings(withDatabase(configured.jdbcUrl(), name), configured.user(),
                configured.password(), configured.maxPoolSize());
        try (Connection admin = DriverManager.getConnection(withDatabase(configured.jdbcUrl(), "postgres"), adminUser, adminPassword);
             Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name + " OWNER \"" + configured.user().replace("\"", "\"\"") + "\"");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a database as " + adminUser + " on " + configured.jdbcUrl() + ": "
                    + e.getMessage(), e);
        }
        try {
            try (Connection admin = DriverManager.getConnection(settings.jdbcUrl(), adminUser, adminPassword);
                 Statement statement = admin.createStatement()) {
                statement.execute(bootstrapSql());
            } catch (SQLException e) {
                throw new IllegalStateException("cannot prepare database " + name + ": " + e.getMessage(), e);
            }
            ScratchDatabase database;
            try {
                database = new ScratchDatabase(name, settings, adminUser, adminPassword);
            } catch (RuntimeException e) {
                // Hikari reports a refused login as a pool exception carrying the driver's message.
                throw new IllegalStateException("cannot connect to database " + name + " as " + settings.user() + ": "
                        + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()), e);
            }
            try {
                new SchemaMigrator(database.dataSource).migrate();
            } catch (RuntimeException e) {
                database.close();
                throw new IllegalStateException("cannot migrate database " + name + ": " + e.getMessage(), e);
            }
            return database;
        } catch (RuntimeException e) {
            drop(configured.jdbcUrl(), name, adminUser, adminPassword);
            throw e;
        }
    }

    public String name() {
        return name;
    }

    /** Where it is, as the application role connects. */
    public DatabaseSettings settings() {
        return settings;
    }

    /** A pool connecting as the application role. */
    public DataSource dataSource() {
        return dataSource;
    }

    /** {@link #close()} leaves the database in place (for a look with psql). */
    public void keep() {
        kept = true;
    }

    @Override
    public void close() {
        if (dataSource.isClosed()) {
            return;
        }
        dataSource.close();
        if (!kept) {
            drop(settings.jdbcUrl(), name, adminUser, adminPassword);
        }
    }

    private static void drop(String jdbcUrl, String name, String adminUser, String adminPassword) {
        try (Connection admin = DriverManager.getConnection(withDatabase(jdbcUrl, "postgres"), adminUser, adminPassword);
             Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop database " + name + ": " + e.getMessage(), e);
        }
    }

    /** The same server's database {@code database}, the URL's parameters kept. */
    static String withDatabase(String jdbcUrl, String database) {
        int slash = jdbcUrl.indexOf('/', POSTGRES_PREFIX.length());
        if (!jdbcUrl.startsWith(POSTGRES_PREFIX) || slash < 0) {
            throw new IllegalArgumentException("ROOTSCOPE_JDBC_URL must be jdbc:postgresql://HOST[:PORT]/DATABASE, got: " + jdbcUrl);
        }
        int query = jdbcUrl.indexOf('?', slash);
        return jdbcUrl.substring(0, slash + 1) + database + (query < 0 ? "" : jdbcUrl.substring(query));
    }

    private static String bootstrapSql() {
        try (InputStream in = ScratchDatabase.class.getResourceAsStream(BOOTSTRAP)) {
            if (in == null) {
                throw new IllegalStateException(BOOTSTRAP + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + BOOTSTRAP + ": " + e.getMessage(), e);
        }
    }
}
