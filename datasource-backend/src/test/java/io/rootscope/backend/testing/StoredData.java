package io.rootscope.backend.testing;

import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;

/**
 * A fingerprint of every row the backend stores: per table of the {@code rootscope} and {@code ops} schemas its row
 * count and the md5 of its rows' text, so that two fingerprints differ exactly when some stored row changed.
 */
public final class StoredData {

    private final DataSource db;
    private final String fingerprintQuery;

    /** @param ignored tables that change by themselves (the ETL's own bookkeeping), by name without schema */
    public StoredData(DataSource db, Set<String> ignored) throws SQLException {
        this.db = db;
        List<String> tables = Rows.column(db, """
                SELECT n.nspname || '.' || quote_ident(c.relname) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE n.nspname IN ('rootscope', 'ops') AND c.relkind IN ('r', 'p') ORDER BY 1""");
        this.fingerprintQuery = String.join("\nUNION ALL ", tables.stream()
                .filter(table -> !ignored.contains(table.substring(table.indexOf('.') + 1)))
                .map(table -> "SELECT '" + table + " ' || count(*) || ' ' || md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), ''))"
                        + " FROM " + table + " t")
                // A union's order is not defined: under load PostgreSQL may append its parts in another order.
                .toList()) + "\nORDER BY 1";
    }

    /** One line per table: name, row count, checksum of the rows. */
    public List<String> fingerprint() throws SQLException {
        return Rows.column(db, fingerprintQuery);
    }
}
