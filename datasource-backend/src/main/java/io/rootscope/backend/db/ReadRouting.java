package io.rootscope.backend.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.ExecuteType;
import org.jooq.TransactionContext;
import org.jooq.TransactionListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the read-only role's connections come from. With a streaming standby ({@code ROOTSCOPE_DB_READER_URL}) a
 * checkout is the standby's once it has replayed the WAL position (LSN) the read must see, waiting at most
 * {@code maxWait} for it; past the wait, or while the standby is unreachable, it is the primary's. Without a standby
 * every checkout is the primary's and nothing here queries an LSN.
 *
 * <p>What a read must see: a panel read ({@link #connection()}) sees every write this backend made through its jOOQ
 * writer before the read (incidents, stored diagnoses, confirmed root causes: what a user may just have been answered,
 * counted by {@link #writeListener()}) and never less than an earlier read that the primary served; a diagnosis
 * ({@link #primaryNow()}, then {@link #connection(long)}) sees everything the primary had committed when it started,
 * so it never ranks from telemetry the standby has not received yet.
 */
// JDBC: connection plumbing: the LSN checks run on the connection a checkout hands out (db/package-info).
public final class ReadRouting {

    private static final Logger LOG = LoggerFactory.getLogger(ReadRouting.class);
    /** After a failed checkout the standby is not asked again for this long: reads do not each wait for its timeout. */
    private static final long RETRY_DOWN_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final long POLL_MILLIS = 5;
    private static final String PRIMARY_LSN = "SELECT (pg_current_wal_lsn() - '0/0'::pg_lsn)::bigint";
    /** A reader URL naming a primary (no recovery) is always current. */
    private static final String REPLAYED_LSN = "SELECT (CASE WHEN pg_is_in_recovery() THEN pg_last_wal_replay_lsn()"
            + " ELSE pg_current_wal_lsn() END - '0/0'::pg_lsn)::bigint";

    private final DataSource primary;
    private final Optional<DataSource> standby;
    private final long maxWaitNanos;
    /** Writes through the writer's jOOQ context, counted after they commit. */
    private final AtomicLong writes = new AtomicLong();
    /** How many of {@link #writes} {@link #floor} covers. */
    private final AtomicLong writesCovered = new AtomicLong();
    /** The primary LSN every panel read must see. */
    private final AtomicLong floor = new AtomicLong();
    /** The standby's replay LSN, the highest seen. */
    private final AtomicLong replayed = new AtomicLong();
    private final AtomicBoolean down = new AtomicBoolean();
    private volatile long retryAt = System.nanoTime();
    private final LongAdder standbyCheckouts = new LongAdder();
    private final LongAdder primaryCheckouts = new LongAdder();

    private ReadRouting(DataSource primary, Optional<DataSource> standby, Duration maxWait) {
        this.primary = primary;
        this.standby = standby;
        this.maxWaitNanos = maxWait.toNanos();
    }

    /** Every read on {@code primary}. */
    public static ReadRouting primaryOnly(DataSource primary) {
        return new ReadRouting(primary, Optional.empty(), Duration.ZERO);
    }

    /** Reads on {@code standby} when it is current enough within {@code maxWait}, else on {@code primary}. */
    public static ReadRouting withStandby(DataSource primary, DataSource standby, Duration maxWait) {
        return new ReadRouting(primary, Optional.of(standby), maxWait);
    }

    /** A connection for a panel read: it sees this backend's writes and earlier reads (read-your-writes, monotonic). */
    public Connection connection() throws SQLException {
        return standby.isEmpty() ? checkout(0) : checkout(panelFloor());
    }

    /** A connection that has replayed at least {@code lsn} (of {@link #primaryNow()}), else the primary's. */
    public Connection connection(long lsn) throws SQLException {
        return checkout(lsn);
    }

    /** The primary's LSN now (0 without a standby: nothing to wait for). */
    public long primaryNow() throws SQLException {
        if (standby.isEmpty()) {
            return 0;
        }
        try (Connection connection = primary.getConnection()) {
            return lsn(connection, PRIMARY_LSN);
        }
    }

    /** Counts the writes of the jOOQ context it is set on: each statement that is not a read, each commit. */
    public WriteListener writeListener() {
        return new WriteListener();
    }

    /** Checkouts served by the standby and by the primary since start (the primary's include every one without a standby). */
    public long standbyCheckouts() {
        return standbyCheckouts.sum();
    }

    public long primaryCheckouts() {
        return primaryCheckouts.sum();
    }

    /** The checkout counters in the Prometheus text format, for {@code /metrics}. */
    public String exposition() {
        return "# HELP rootscope_reader_checkouts_total Read-only connections handed out, by the server that served them.\n"
                + "# TYPE rootscope_reader_checkouts_total counter\n"
                + "rootscope_reader_checkouts_total{server=\"standby\"} " + standbyCheckouts() + "\n"
                + "rootscope_reader_checkouts_total{server=\"primary\"} " + primaryCheckouts() + "\n";
    }

    private long panelFloor() throws SQLException {
        long counted = writes.get();
        if (counted != writesCovered.get()) {
            // Read before the LSN: a write counted later is covered by a later read's LSN.
            long lsn = primaryNow();
            floor.accumulateAndGet(lsn, Math::max);
            writesCovered.accumulateAndGet(counted, Math::max);
        }
        return floor.get();
    }

    private Connection checkout(long lsn) throws SQLException {
        if (standby.isPresent() && System.nanoTime() - retryAt >= 0) {
            Connection connection = null;
            try {
                connection = standby.get().getConnection();
                if (replayed(connection, lsn)) {
                    if (down.compareAndSet(true, false)) {
                        LOG.info("the standby answers again: panel queries read from it");
                    }
                    standbyCheckouts.increment();
                    return connection;
                }
                connection.close();
            } catch (SQLException e) {
                closeQuietly(connection, e);
                retryAt = System.nanoTime() + RETRY_DOWN_NANOS;
                if (down.compareAndSet(false, true)) {
                    LOG.warn("the standby does not answer, panel queries read from the primary: {}", e.getMessage());
                }
            }
        }
        Connection connection = primary.getConnection();
        primaryCheckouts.increment();
        if (standby.isPresent()) {
            try {
                // Monotonic reads: a later standby read must not show less than this one.
                floor.accumulateAndGet(lsn(connection, PRIMARY_LSN), Math::max);
            } catch (SQLException e) {
                closeQuietly(connection, e);
                throw e;
            }
        }
        return connection;
    }

    /**
     * Whether the standby has replayed {@code lsn}, polling it for at most the wait. Asked at least once per checkout:
     * the answer also proves the pooled connection still reaches the standby, so a standby that died since is found
     * here, before the read, and the read goes to the primary.
     */
    private boolean replayed(Connection connection, long lsn) throws SQLException {
        long deadline = System.nanoTime() + maxWaitNanos;
        while (replayed.accumulateAndGet(lsn(connection, REPLAYED_LSN), Math::max) < lsn) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    private static long lsn(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static void closeQuietly(Connection connection, SQLException cause) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                cause.addSuppressed(e);
            }
        }
    }

    /**
     * Set on the writer's jOOQ context: a statement run in autocommit has committed when it ends; one in a transaction
     * counts again at the commit, so the last count of a write always follows its commit.
     */
    public final class WriteListener implements ExecuteListener, TransactionListener {

        @Override
        public void executeEnd(ExecuteContext ctx) {
            if (ctx.type() != ExecuteType.READ) {
                writes.incrementAndGet();
            }
        }

        @Override
        public void commitEnd(TransactionContext ctx) {
            writes.incrementAndGet();
        }
    }
}
