package io.rootscope.backend.config;

import io.rootscope.backend.db.DatabaseSettings;

/**
 * Who connects to the application database: {@code writer} (the application role: migrations, ETL, incidents and
 * their diagnoses), {@code reader} (the read-only role every panel query runs as) and the superuser that creates
 * scratch databases ({@code ./rootscope eval-db}).
 */
public record DatabaseConfig(DatabaseSettings writer, DatabaseSettings reader, String adminUser, String adminPassword) {

    public static final String READER_USER_DEFAULT = "rootscope_reader";
    public static final String ADMIN_USER_DEFAULT = "postgres";
    public static final String ADMIN_PASSWORD_DEFAULT = "postgres";

    /** The given roles, with the default superuser. */
    public DatabaseConfig(DatabaseSettings writer, DatabaseSettings reader) {
        this(writer, reader, ADMIN_USER_DEFAULT, ADMIN_PASSWORD_DEFAULT);
    }
}
