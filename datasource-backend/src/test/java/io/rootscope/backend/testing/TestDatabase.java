package io.rootscope.backend.testing;

import com.zaxxer.hikari.HikariDataSource;
import io.rootscope.backend.config.BackendConfig;
import io.rootscope.backend.config.ConfigKey;
import io.rootscope.backend.db.DataSourceFactory;
import io.rootscope.backend.db.DatabaseSettings;
import io.rootscope.backend.db.SchemaMigrator;
import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * A fresh database for integration tests on the server {@link DatabaseServerLocator} finds: created by the
 * superuser, prepared by {@code sql/bootstrap/prepare_database.sql}, owned by the non-superuser application
 * role, so migrations and queries run exactly as in production. Dropped on {@link #close()}.
 */
public final class TestDatabase implements AutoCloseable {

    public static final String APP_ROLE = "rootscope";
    public static final String READER_ROLE = "rootscope_reader";
    private static final String APP_PASSWORD = System.getenv().getOrDefault("ROOTSCOPE_DB_PASSWORD", "rootscope");
    private static final String READER_PASSWORD =
            System.getenv().getOrDefault("ROOTSCOPE_DB_READER_PASSWORD", "rootscope_reader");

    private static DatabaseServer server;
    private static TestDatabase shared;

    private final String name;
    private final HikariDataSource dataSource;

    private TestDatabase(String name) {
        this.name = name;
        this.dataSource = DataSourceFactory.create(settings(APP_ROLE, APP_PASSWORD), "test-" + name);
    }

    /** One migrated database per test JVM, for tests that only add rows of their own. */
    public static synchronized TestDatabase shared() {
        if (shared == null) {
            shared = createMigrated();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        }
        return shared;
    }

    /** A new database with every migration applied (their placeholders' defaults). */
    public static TestDatabase createMigrated() {
        TestDatabase database = createEmpty();
        try {
            database.migrator(Map.of()).migrate();
        } catch (RuntimeException e) {
            database.close(); // dropped: a failed migration leaves no database behind
            throw e;
        }
        return database;
    }

    /** A new database with the extensions and grants of the bootstrap, but no migration applied. */
    public static synchronized TestDatabase createEmpty() {
        DatabaseServer found = server();
        String name = "rootscope_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection admin = admin("postgres"); Statement statement = admin.createStatement()) {
            ensureRole(statement, APP_ROLE, APP_PASSWORD, "CREATEDB");
            ensureRole(statement, READER_ROLE, READER_PASSWORD, "");
            statement.execute("CREATE DATABASE " + name + " OWNER " + APP_ROLE);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a test database on " + found.origin() + ": " + e.getMessage(), e);
        }
        try (Connection admin = admin(name); Statement statement = admin.createStatement()) {
            statement.execute(Files.readString(RepositoryRoot.find().resolve("sql/bootstrap/prepare_database.sql")));
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("cannot prepare test database " + name + ": " + e.getMessage(), e);
        }
        return new TestDatabase(name);
    }

    public static synchronized DatabaseServer server() {
        if (server == null) {
            server = DatabaseServerLocator.locate();
        }
        return server;
    }

    /** A superuser connection to database {@code database} of the test server. */
    public static Connection admin(String database) throws SQLException {
        DatabaseServer found = server();
        return DriverManager.getConnection(found.jdbcUrl(database), found.adminUser(), found.adminPassword());
    }

    private static void ensureRole(Statement statement, String role, String password, String options) throws SQLException {
        statement.execute("""
                DO $$ BEGIN
                  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '%1$s') THEN
                    CREATE ROLE %1$s LOGIN %3$s PASSWORD '%2$s';
                  END IF;
                END $$""".formatted(role, password.replace("'", "''"), options));
    }

    public String name() {
        return name;
    }

    /** A pool connecting as the application role. */
    public DataSource dataSource() {
        return dataSource;
    }

    public DatabaseSettings settings(String role, String password) {
        return new DatabaseSettings(server().jdbcUrl(name), role, password, 4);
    }

    /**
     * The configuration of a backend on this database, loaded as every entry point loads it: its roles, any free port,
     * then {@code more} (other {@code ROOTSCOPE_*} keys), every other setting its default.
     */
    public BackendConfig backendConfig(Map<String, String> more) {
        Map<String, String> env = new HashMap<>(Map.of(ConfigKey.JDBC_URL.key(), server().jdbcUrl(name),
                ConfigKey.DB_USER.key(), APP_ROLE, ConfigKey.DB_PASSWORD.key(), APP_PASSWORD,
                ConfigKey.DB_READER_USER.key(), READER_ROLE, ConfigKey.DB_READER_PASSWORD.key(), READER_PASSWORD,
                ConfigKey.HTTP_PORT.key(), "0", ConfigKey.OTLP_GRPC_PORT.key(), "0"));
        env.putAll(more);
        return BackendConfig.load(env);
    }

    /** Settings for the read-only role, as the query path and Grafana's PostgreSQL data source use it. */
    public DatabaseSettings readerSettings() {
        return settings(READER_ROLE, READER_PASSWORD);
    }

    public SchemaMigrator migrator(Map<String, String> placeholders) {
        return new SchemaMigrator(dataSource, placeholders);
    }

    @Override
    public synchronized void close() {
        if (dataSource.isClosed()) {
            return;
        }
        dataSource.close();
        try (Connection admin = admin("postgres"); Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            System.err.println("could not drop test database " + name + ": " + e.getMessage());
        }
    }
}
