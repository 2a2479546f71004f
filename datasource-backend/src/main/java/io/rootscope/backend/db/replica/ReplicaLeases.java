package io.rootscope.backend.db.replica;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Work that runs at most once per period across the replicas, leased through its {@code replica_lease} row: the row is
 * locked {@code FOR UPDATE SKIP LOCKED} in the transaction that does the work, and records the run there. A replica
 * that finds the row locked (another runs the work now) or recently run skips it; one that dies mid-work holds nothing
 * once PostgreSQL drops its connection, and its work left no trace, so the next replica's turn does it whole. A row
 * lock rather than a session advisory lock: it cannot outlive its transaction on a pooled connection.
 */
// JDBC: the ETL's scheduled runs: the lease is locked on the transaction doing the leased work (db/package-info).
public final class ReplicaLeases {

    /** Work done under a lease, on the lease's connection and transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** The tenant id of a lease of work that is not a tenant's. */
    public static final long NO_TENANT = 0;

    private static final String ENSURE = """
            INSERT INTO rootscope.replica_lease (lease_name, tenant_id) VALUES (?, ?) ON CONFLICT ON CONSTRAINT replica_lease_pk DO NOTHING""";
    // Under READ COMMITTED a row another replica updated since this statement's snapshot is checked again in its
    // latest version before it is locked, so a run just committed elsewhere is seen and the row is not due.
    private static final String LOCK_IF_DUE = """
            SELECT 1 FROM rootscope.replica_lease
             WHERE lease_name = ? AND tenant_id = ? AND (? OR last_run_at IS NULL OR last_run_at <= ?)
               FOR UPDATE SKIP LOCKED""";
    private static final String RECORD_RUN = """
            UPDATE rootscope.replica_lease SET holder = ?, last_run_at = ? WHERE lease_name = ? AND tenant_id = ?""";

    private final DataSource dataSource;
    private final String replicaId;
    private final Clock clock;

    public ReplicaLeases(DataSource dataSource, String replicaId, Clock clock) {
        this.dataSource = dataSource;
        this.replicaId = replicaId;
        this.clock = clock;
    }

    /**
     * Runs {@code work} in a transaction holding lease {@code name} of {@code tenantId}, unless another replica holds it
     * now or it ran less than {@code period} ago (zero: whenever none holds it); the run is recorded in the work's transaction.
     *
     * @return the work's result; empty when it was not this replica's turn
     */
    public <T> Optional<T> runIfDue(String name, long tenantId, Duration period, Work<T> work) throws SQLException {
        Instant now = clock.instant();
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement ensure = connection.prepareStatement(ENSURE)) {
                ensure.setString(1, name);
                ensure.setLong(2, tenantId);
                ensure.executeUpdate();
            }
            connection.setAutoCommit(false);
            try {
                if (!lockIfDue(connection, name, tenantId, period.isZero(), now.minus(period))) {
                    connection.rollback();
                    return Optional.empty();
                }
                T result = work.run(connection);
                try (PreparedStatement record = connection.prepareStatement(RECORD_RUN)) {
                    record.setString(1, replicaId);
                    record.setObject(2, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
                    record.setString(3, name);
                    record.setLong(4, tenantId);
                    record.executeUpdate();
                }
                connection.commit();
                return Optional.of(result);
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }

    /** @param always whether the work is due whenever it ran (a period of zero: only one replica at a time) */
    private static boolean lockIfDue(Connection connection, String name, long tenantId, boolean always, Instant ranBefore)
            throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement(LOCK_IF_DUE)) {
            lock.setString(1, name);
            lock.setLong(2, tenantId);
            lock.setBoolean(3, always);
            lock.setObject(4, OffsetDateTime.ofInstant(ranBefore, ZoneOffset.UTC));
            try (ResultSet rows = lock.executeQuery()) {
                return rows.next();
            }
        }
    }
}
