package io.rootscope.backend.config;

import io.rootscope.backend.db.DatabaseSettings;
import java.time.Duration;
import java.util.Optional;

/**
 * Who connects to the application database: {@code writer} (the application role: migrations, ETL, incidents and
 * their diagnoses), {@code reader} (the read-only role every panel query runs as) and the superuser that creates
 * scratch databases ({@code ./rootscope eval-db}); with {@code standbyReader} (the same read-only role on a streaming
 * standby, {@code ROOTSCOPE_DB_READER_URL}) panel queries read there once it has replayed what they must see, waiting
 * at most {@code standbyMaxWait} before they read from {@code reader} instead.
 */
public record DatabaseConfig(DatabaseSettings writer, DatabaseSettings reader, String adminUser, String adminPassword,
                             Optional<DatabaseSettings> standbyReader, Duration standbyMaxWait) {

    public static final String READER_USER_DEFAULT = "rootscope_reader";
    public static final String ADMIN_USER_DEFAULT = "postgres";
    public static final String ADMIN_PASSWORD_DEFAULT = "postgres";
    public static final Duration STANDBY_MAX_WAIT_DEFAULT = Duration.ofMillis(1000);

    /** The given roles, with the default superuser and no standby. */
    public DatabaseConfig(DatabaseSettings writer, DatabaseSettings reader) {
        this(writer, reader, ADMIN_USER_DEFAULT, ADMIN_PASSWORD_DEFAULT, Optional.empty(), STANDBY_MAX_WAIT_DEFAULT);
    }
}
