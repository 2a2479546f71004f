package io.rootscope.backend.db;

/**
 * Where the application database is and who connects to it. The defaults match the local database that
 * {@code ./rootscope db start} runs; the configuration ({@code config.BackendConfig}) overrides them.
 */
public record DatabaseSettings(String jdbcUrl, String user, String password, int maxPoolSize) {

    public static final String JDBC_URL_DEFAULT = "jdbc:postgresql://127.0.0.1:55432/rootscope";
    public static final String USER_DEFAULT = "rootscope";
    public static final String PASSWORD_DEFAULT = "rootscope";
    public static final int MAX_POOL_SIZE_DEFAULT = 10;

    public DatabaseSettings {
        if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("ROOTSCOPE_JDBC_URL must be a jdbc:postgresql: URL, got: " + jdbcUrl);
        }
        if (user == null || user.isBlank()) {
            throw new IllegalArgumentException("ROOTSCOPE_DB_USER must not be empty");
        }
        if (maxPoolSize < 1) {
            throw new IllegalArgumentException("ROOTSCOPE_DB_POOL_SIZE must be at least 1, got: " + maxPoolSize);
        }
    }
}
