package io.rootscope.backend.refusal;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;

/**
 * What a failure reaching an entry point says about the database, so every protocol answers it alike: the database is
 * away (retry after an outage's pause), every pooled connection stayed busy for the pool's wait while it answers
 * (retry shortly), or a statement ran past the query timeout.
 */
public enum DatabaseFailure {

    UNAVAILABLE,
    POOL_EXHAUSTED,
    TIMED_OUT;

    /** Seconds to wait before retrying during an outage: reconnecting takes the pool a few seconds once it is back. */
    public static final int OUTAGE_RETRY_AFTER_SECONDS = 5;
    /** Seconds to wait before retrying after a refusal under load: the queue of a few requests has drained by then. */
    public static final int BUSY_RETRY_AFTER_SECONDS = 2;

    /** The database's part in {@code failure}, if it has one. */
    public static Optional<DatabaseFailure> of(Throwable failure) {
        String sqlState = sqlState(failure);
        if (unavailable(failure, sqlState)) {
            return Optional.of(UNAVAILABLE);
        }
        if (poolWaitTimedOut(failure)) {
            return Optional.of(POOL_EXHAUSTED);
        }
        return "57014".equals(sqlState) ? Optional.of(TIMED_OUT) : Optional.empty();
    }

    /**
     * Class 08: connection exceptions; 57P01-57P03: the server is shutting down or starting up. The pool's wait timeout
     * carries the SQL state of its last failed connection attempt, so it counts here when the database stopped answering.
     */
    private static boolean unavailable(Throwable e, String sqlState) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return true;
            }
        }
        return sqlState != null && (sqlState.startsWith("08") || sqlState.startsWith("57P0"));
    }

    /** The pool's wait for a free connection ran out with no failed connection attempt: every connection is busy. */
    private static boolean poolWaitTimedOut(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException) {
                return true;
            }
        }
        return false;
    }

    /** The SQL state of the first cause that has one, or null. */
    public static String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }
}
