package io.rootscope.backend.etl.runtime;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** Looks tenants up by code in {@code dim_tenant}. */
public final class TenantDirectory {

    private static final String BY_CODE = "SELECT tenant_id FROM rootscope.dim_tenant WHERE code = ?";
    private static final String ALL_IDS = "SELECT tenant_id FROM rootscope.dim_tenant ORDER BY tenant_id";

    private final DataSource dataSource;

    public TenantDirectory(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Optional<Long> idOf(String code) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(BY_CODE)) {
            statement.setString(1, code);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(rows.getLong(1)) : Optional.empty();
            }
        }
    }

    /** Every tenant's id. */
    public List<Long> allIds() throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(ALL_IDS);
             ResultSet rows = statement.executeQuery()) {
            List<Long> ids = new ArrayList<>();
            while (rows.next()) {
                ids.add(rows.getLong(1));
            }
            return ids;
        }
    }
}
