package io.rootscope.backend.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/** Builds the connection pool every database user of the backend shares. */
public final class DataSourceFactory {

    /** Application tables first, extensions next, AGE's catalog last (first, it would catch unqualified DDL). */
    public static final String SEARCH_PATH = "rootscope, public, ag_catalog";

    private DataSourceFactory() {
    }

    public static HikariDataSource create(DatabaseSettings settings, String poolName) {
        return new HikariDataSource(config(settings, poolName));
    }

    /**
     * The pool of a streaming standby: it opens while the standby is down (reads then go to the primary, see
     * {@link ReadRouting}) and a checkout gives up within a second, so a panel read does not wait long for a dead standby.
     */
    public static HikariDataSource createStandby(DatabaseSettings settings, String poolName) {
        HikariConfig config = config(settings, poolName);
        config.setInitializationFailTimeout(-1);
        config.setConnectionTimeout(1_000);
        return new HikariDataSource(config);
    }

    private static HikariConfig config(DatabaseSettings settings, String poolName) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(poolName);
        config.setJdbcUrl(settings.jdbcUrl());
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(settings.maxPoolSize());
        // No JIT: it compiles for 100-800 ms whenever a plan's estimated cost is high, which AGE's Cypher plans always are
        // (millions of estimated rows), and the backend's queries are short panel reads where compiling never pays back.
        // Custom plans only: the driver prepares a statement on the server after a few uses, and PostgreSQL's generic plan
        // for a hypertable query with parameters as time bounds assumes they select 0.5 % of the rows, so it scans the
        // whole range by the time index and filters out the other series (16 ms instead of 1.5 for a metrics panel).
        // Planning with the values costs a few tenths of a millisecond and excludes chunks at plan time.
        config.setConnectionInitSql("SET search_path = " + SEARCH_PATH + "; SET jit = off; SET plan_cache_mode = force_custom_plan");
        // Fail fast at start-up with the driver's message rather than after the pool's 30 s default.
        config.setInitializationFailTimeout(10_000);
        // A request waits at most this long for a connection: during an outage it gets a 503 quickly.
        config.setConnectionTimeout(3_000);
        // A connection attempt to an unreachable host gives up within that wait (the driver's default is 10 s), so a wait
        // that runs out during an outage carries the failed attempt (SQL state 08001) and is told apart from a busy pool.
        config.addDataSourceProperty("connectTimeout", 2);
        return config;
    }
}
