package io.rootscope.backend.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.jooq.ConnectionProvider;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * The read-only connections ({@link ReadRouting}: the primary's, or a standby's), scoped to one tenant by row-level security (V016): every connection checked out through it first
 * sets {@code rootscope.tenant_id} for its session — the tenant's id, or empty (no rows) when unscoped. The setting is
 * session-wide ({@code set_config(…, false)}) rather than {@code SET LOCAL}: panel queries run in autocommit, where a
 * transaction-local setting would need an explicit transaction (BEGIN, the setting, COMMIT) around every statement.
 * It outlives the checkout in the pooled connection, which is harmless because every checkout through this class
 * overwrites it before its first statement: one extra round trip per checkout, none on release.
 */
// JDBC: connection plumbing: the tenant is set on each reader checkout, before jOOQ's first statement (db/package-info).
public final class TenantReader {

    /** Also clears the code analysts set (or a role's default, ALTER ROLE … SET rootscope.tenant), which the id would not override when empty. */
    private static final String SET_TENANT = "SELECT set_config('rootscope.tenant_id', ?, false), set_config('rootscope.tenant', '', false)";

    private final ReadRouting routing;
    private final Settings settings;

    public TenantReader(ReadRouting routing, Settings settings) {
        this.routing = routing;
        this.settings = settings;
    }

    /** Panel reads that see only the rows of tenant {@code tenantId}. */
    public DSLContext forTenant(long tenantId) {
        return DSL.using(new ScopedConnections(Long.toString(tenantId), false), SQLDialect.POSTGRES, settings);
    }

    /**
     * Reads of tenant {@code tenantId} that see everything the primary has committed when the first of them runs (a
     * diagnosis and what it looks up): the standby's once it has replayed that far, else the primary's.
     */
    public DSLContext upToDate(long tenantId) {
        return DSL.using(new ScopedConnections(Long.toString(tenantId), true), SQLDialect.POSTGRES, settings);
    }

    /** Reads of no tenant (health checks): tenant tables show no rows. */
    public DSLContext unscoped() {
        return DSL.using(new ScopedConnections("", false), SQLDialect.POSTGRES, settings);
    }

    private final class ScopedConnections implements ConnectionProvider {

        private final String tenantId;
        private final boolean upToDate;
        /** The primary's LSN when the first up-to-date read ran, which every later one of this context must see too. */
        private long primaryLsn = -1;

        ScopedConnections(String tenantId, boolean upToDate) {
            this.tenantId = tenantId;
            this.upToDate = upToDate;
        }

        @Override
        public Connection acquire() {
            Connection connection = null;
            try {
                connection = upToDate ? routing.connection(primaryLsn()) : routing.connection();
                try (PreparedStatement statement = connection.prepareStatement(SET_TENANT)) {
                    statement.setString(1, tenantId);
                    statement.execute();
                }
                return connection;
            } catch (SQLException e) {
                closeQuietly(connection, e);
                throw new DataAccessException("cannot scope a reader connection to tenant '" + tenantId + "': " + e.getMessage(), e);
            }
        }

        private synchronized long primaryLsn() throws SQLException {
            if (primaryLsn < 0) {
                primaryLsn = routing.primaryNow();
            }
            return primaryLsn;
        }

        @Override
        public void release(Connection connection) {
            try {
                connection.close();
            } catch (SQLException e) {
                throw new DataAccessException("cannot return a reader connection: " + e.getMessage(), e);
            }
        }

        private void closeQuietly(Connection connection, SQLException cause) {
            if (connection != null) {
                try {
                    connection.close();
                } catch (SQLException e) {
                    cause.addSuppressed(e);
                }
            }
        }
    }
}
