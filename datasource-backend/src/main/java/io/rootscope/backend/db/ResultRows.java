package io.rootscope.backend.db;

import java.sql.ResultSet;
import java.sql.SQLException;
import org.jooq.ResultQuery;
import org.jooq.exception.DataAccessException;

/**
 * A jOOQ query's rows read in place from its JDBC result set, for the request paths that read many rows: jOOQ executes the
 * query (with its context's query timeout and error translation), and no record is built per row — for a panel's thousands
 * of points or a diagnosis' 200k spans, building records cost more than the query.
 */
public final class ResultRows {

    /** One row, read in place. */
    public interface RowReader {
        void read(ResultSet row) throws SQLException;
    }

    private ResultRows() {
    }

    public static void forEach(ResultQuery<?> query, RowReader reader) {
        try (ResultSet rows = query.fetchResultSet()) {
            while (rows.next()) {
                reader.read(rows);
            }
        } catch (SQLException e) {
            throw new DataAccessException("reading the rows of " + query.getSQL() + " failed", e);
        }
    }
}
