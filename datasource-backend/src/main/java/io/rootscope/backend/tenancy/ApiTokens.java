package io.rootscope.backend.tenancy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Issued API tokens ({@code api_token}, V015): 32 random bytes, base64url, given to the caller once; the table keeps
 * only their SHA-256, so a read of the table yields no usable token.
 */
public final class ApiTokens {

    private static final String INSERT = "INSERT INTO rootscope.api_token (token_sha256, is_admin) VALUES (?, ?) RETURNING token_id";
    private static final String BIND = "INSERT INTO rootscope.api_token_tenant (token_id, tenant_id) VALUES (?, ?)";
    private static final String LOOKUP = """
            SELECT t.is_admin, tt.tenant_id FROM rootscope.api_token t
              LEFT JOIN rootscope.api_token_tenant tt ON tt.token_id = t.token_id
             WHERE t.token_sha256 = ?""";

    private final DataSource dataSource;
    private final SecureRandom random = new SecureRandom();

    public ApiTokens(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A new admin token; the returned text is the only copy. */
    public String issueAdmin() throws SQLException {
        return issue(true, Set.of());
    }

    /** A new token for these tenants (at least one); the returned text is the only copy. */
    public String issueFor(Set<Long> tenantIds) throws SQLException {
        if (tenantIds.isEmpty()) {
            throw new IllegalArgumentException("tenants: a token needs at least one tenant");
        }
        return issue(false, tenantIds);
    }

    /** What a presented token may do; empty when no such token was issued. */
    public Optional<Caller> lookup(String token) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(LOOKUP)) {
            statement.setBytes(1, sha256(token));
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                if (rows.getBoolean(1)) {
                    return Optional.of(Caller.ADMIN);
                }
                Set<Long> tenants = new HashSet<>();
                do {
                    long tenantId = rows.getLong(2);
                    if (!rows.wasNull()) {
                        tenants.add(tenantId);
                    }
                } while (rows.next());
                return Optional.of(Caller.ofTenants(tenants));
            }
        }
    }

    private String issue(boolean admin, Set<Long> tenantIds) throws SQLException {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                long tokenId;
                try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                    insert.setBytes(1, sha256(token));
                    insert.setBoolean(2, admin);
                    try (ResultSet key = insert.executeQuery()) {
                        key.next();
                        tokenId = key.getLong(1);
                    }
                }
                try (PreparedStatement bind = connection.prepareStatement(BIND)) {
                    for (long tenantId : tenantIds) {
                        bind.setLong(1, tokenId);
                        bind.setLong(2, tenantId);
                        bind.addBatch();
                    }
                    bind.executeBatch();
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }
        return token;
    }

    static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }
}
