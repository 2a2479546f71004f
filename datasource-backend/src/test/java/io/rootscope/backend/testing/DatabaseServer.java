package io.rootscope.backend.testing;

/**
 * A PostgreSQL server with TimescaleDB, AGE and pgvector that tests may create databases on.
 *
 * @param adminJdbcUrl a URL of the server's maintenance database ({@code postgres})
 * @param adminUser    a superuser: creating the extensions needs one
 * @param origin       how the server was found, for test output
 */
public record DatabaseServer(String adminJdbcUrl, String adminUser, String adminPassword, String origin) {

    /** The same server, database {@code name}. */
    public String jdbcUrl(String name) {
        int slash = adminJdbcUrl.indexOf('/', "jdbc:postgresql://".length());
        int query = adminJdbcUrl.indexOf('?', slash);
        String suffix = query < 0 ? "" : adminJdbcUrl.substring(query);
        return adminJdbcUrl.substring(0, slash + 1) + name + suffix;
    }
}
