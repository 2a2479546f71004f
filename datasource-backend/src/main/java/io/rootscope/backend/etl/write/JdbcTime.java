package io.rootscope.backend.etl.write;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Instants as {@code timestamptz} parameters and back, independent of the JVM's and the session's time zones. */
// JDBC: times as parameters of the JDBC writers of bulk writes and ETL runs (db/package-info).
public final class JdbcTime {

    private JdbcTime() {
    }

    public static OffsetDateTime timestamptz(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    public static Instant instant(ResultSet rows, String column) throws SQLException {
        OffsetDateTime value = rows.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
