package io.rootscope.backend.db;

import java.util.Map;

/**
 * Where the application database is and who connects to it. The defaults match the local database that
 * {@code ./rootscope db start} runs; every value can be overridden by an environment variable.
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

    /** Reads ROOTSCOPE_JDBC_URL, ROOTSCOPE_DB_USER, ROOTSCOPE_DB_PASSWORD and ROOTSCOPE_DB_POOL_SIZE. */
    public static DatabaseSettings fromEnvironment(Map<String, String> env) {
        String poolSize = env.getOrDefault("ROOTSCOPE_DB_POOL_SIZE", String.valueOf(MAX_POOL_SIZE_DEFAULT));
        int parsedPoolSize;
        try {
            parsedPoolSize = Integer.parseInt(poolSize.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("ROOTSCOPE_DB_POOL_SIZE must be a whole number, got: " + poolSize);
        }
        return new DatabaseSettings(
                env.getOrDefault("ROOTSCOPE_JDBC_URL", JDBC_URL_DEFAULT),
                env.getOrDefault("ROOTSCOPE_DB_USER", USER_DEFAULT),
                env.getOrDefault("ROOTSCOPE_DB_PASSWORD", PASSWORD_DEFAULT),
                parsedPoolSize);
    }
}
