package io.rootscope.backend.db;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/**
 * What a failed database call says about the database, read from the exception's causes: whether it is away (so the
 * work should be retried later, nothing being wrong with it) or every pooled connection stayed busy.
 */
public final class DatabaseFailures {

    private DatabaseFailures() {
    }

    /**
     * Class 08: connection exceptions; 57P01-57P03: the server is shutting down or starting up. The pool's wait timeout
     * carries the SQL state of its last failed connection attempt, so it counts here when the database stopped answering.
     */
    public static boolean unavailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return true;
            }
        }
        String sqlState = sqlState(e);
        return sqlState != null && (sqlState.startsWith("08") || sqlState.startsWith("57P0"));
    }

    /** The pool's wait for a free connection ran out with no failed connection attempt: every connection is busy. */
    public static boolean poolWaitTimedOut(Throwable e) {
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
