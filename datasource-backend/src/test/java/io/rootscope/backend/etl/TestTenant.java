package io.rootscope.backend.etl;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;

/** A tenant of its own for one test, so its rows can be counted without seeing other tests' rows. */
public record TestTenant(long id, String code) {

    public static TestTenant create(DataSource db, String prefix) throws SQLException {
        String code = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection connection = db.getConnection();
             PreparedStatement insert = connection.prepareStatement(
                     "INSERT INTO dim_tenant (code, name) VALUES (?, ?) RETURNING tenant_id")) {
            insert.setString(1, code);
            insert.setString(2, "test tenant " + code);
            try (ResultSet rows = insert.executeQuery()) {
                rows.next();
                return new TestTenant(rows.getLong(1), code);
            }
        }
    }
}
