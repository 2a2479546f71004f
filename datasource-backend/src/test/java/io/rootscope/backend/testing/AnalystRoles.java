package io.rootscope.backend.testing;

import io.rootscope.backend.db.DatabaseSettings;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Login roles the way an analyst or Grafana's PostgreSQL data source connects: members of the read-only role, with
 * or without a default tenant ({@code ALTER ROLE … IN DATABASE … SET rootscope.tenant}) in one test database.
 */
public final class AnalystRoles {

    private static final String PASSWORD = "analyst";

    private AnalystRoles() {
    }

    /** A reader whose sessions in {@code database} name tenant {@code code}. */
    public static DatabaseSettings forTenant(TestDatabase database, String code) throws SQLException {
        String role = "rootscope_analyst_" + code.replaceAll("[^a-z0-9_]", "_");
        ensure(role);
        try (Connection admin = TestDatabase.admin("postgres"); Statement statement = admin.createStatement()) {
            statement.execute("ALTER ROLE " + role + " IN DATABASE " + database.name() + " SET rootscope.tenant = '" + code + "'");
        }
        return database.settings(role, PASSWORD);
    }

    /** A reader with no tenant setting of its own (unlike the provisioned reader of the compose stack). */
    public static DatabaseSettings withoutTenant(TestDatabase database) throws SQLException {
        ensure("rootscope_analyst_none");
        return database.settings("rootscope_analyst_none", PASSWORD);
    }

    private static synchronized void ensure(String role) throws SQLException {
        try (Connection admin = TestDatabase.admin("postgres"); Statement statement = admin.createStatement()) {
            statement.execute("""
                    DO $$ BEGIN
                      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '%1$s') THEN
                        CREATE ROLE %1$s LOGIN PASSWORD '%2$s' IN ROLE %3$s;
                      END IF;
                    EXCEPTION WHEN duplicate_object THEN NULL; -- another test JVM created it meanwhile
                    END $$""".formatted(role, PASSWORD, TestDatabase.READER_ROLE));
        }
    }
}
