package io.rootscope.backend.config;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every {@code ROOTSCOPE_*} key the project knows, each as its name without the prefix, and who reads it. A key not
 * listed here, in the environment or in the {@code ROOTSCOPE_CONFIG} file, is an error naming it (a misspelt key would
 * otherwise be silently ignored). README's configuration table lists the same keys with their defaults and meaning.
 */
public enum ConfigKey {

    CONFIG(Reader.ENVIRONMENT),

    HTTP_HOST(Reader.BACKEND),
    HTTP_PORT(Reader.BACKEND),
    HTTP_MAX_BODY_BYTES(Reader.BACKEND),
    HTTP_MAX_BODY_BYTES_IN_FLIGHT(Reader.BACKEND),
    HTTP_MAX_BODY_REQUESTS(Reader.BACKEND),
    HTTP_IDLE_TIMEOUT_SECONDS(Reader.BACKEND),
    HTTP_MIN_DATA_RATE(Reader.BACKEND),
    HTTP_CORS_ORIGINS(Reader.BACKEND),
    OTLP_GRPC_PORT(Reader.BACKEND),
    AUTH_TOKEN(Reader.BACKEND),

    JDBC_URL(Reader.BACKEND),
    DB_USER(Reader.BACKEND),
    DB_PASSWORD(Reader.BACKEND),
    DB_READER_USER(Reader.BACKEND),
    DB_READER_PASSWORD(Reader.BACKEND),
    DB_POOL_SIZE(Reader.BACKEND),
    DB_ADMIN_USER(Reader.BACKEND),
    DB_ADMIN_PASSWORD(Reader.BACKEND),
    DB_READER_URL(Reader.BACKEND),
    DB_READER_MAX_WAIT_MS(Reader.BACKEND),

    QUERY_TIMEOUT_SECONDS(Reader.BACKEND),
    QUERY_MAX_RANGE_DAYS(Reader.BACKEND),
    QUERY_MAX_DATA_POINTS(Reader.BACKEND),
    QUERY_MAX_GRAPH_NODES(Reader.BACKEND),
    QUERY_MAX_TARGETS(Reader.BACKEND),

    RCA_MAX_CONCURRENT(Reader.BACKEND),
    RCA_QUEUE_WAIT_MS(Reader.BACKEND),
    RCA_CACHE_MB(Reader.BACKEND),
    RCA_MAX_SPANS(Reader.BACKEND),
    RCA_MAX_LOG_EVENTS(Reader.BACKEND),

    PROMETHEUS_URL(Reader.BACKEND),
    PROMQL_RATE_WINDOW_SECONDS(Reader.BACKEND),
    PROMQL_TEMPLATES(Reader.BACKEND),
    PUSHED_METRIC_RULES(Reader.BACKEND),
    TENANT(Reader.BACKEND),
    NAMESPACE(Reader.BACKEND),
    LATENESS_HORIZON_MINUTES(Reader.BACKEND),

    RUNBOOKS_DIR(Reader.BACKEND),
    RUNBOOKS_TENANT(Reader.BACKEND),
    KAFKA_BOOTSTRAP(Reader.BACKEND),
    KAFKA_GROUP(Reader.BACKEND),
    KAFKA_TENANT(Reader.BACKEND),
    KAFKA_ENCODING(Reader.BACKEND),
    KAFKA_SPANS_TOPIC(Reader.BACKEND),
    KAFKA_LOGS_TOPIC(Reader.BACKEND),
    KAFKA_ANOMALY_TOPIC(Reader.BACKEND),
    KAFKA_RCA_TOPIC(Reader.BACKEND),

    REPLICA_ID(Reader.BACKEND),
    REPLICA_HEARTBEAT_SECONDS(Reader.BACKEND),
    REPLICA_LEASE_SECONDS(Reader.BACKEND),

    HOME(Reader.LAUNCHER),
    CHROOT(Reader.LAUNCHER),
    DB_PORT(Reader.LAUNCHER),
    DB_NAME(Reader.LAUNCHER),
    DB_READER(Reader.LAUNCHER),
    DB_STANDBY_PORT(Reader.LAUNCHER),
    DB_REPLICATION_USER(Reader.LAUNCHER),
    DB_REPLICATION_PASSWORD(Reader.LAUNCHER),
    DEBIAN_MIRROR(Reader.LAUNCHER),
    HEAP(Reader.LAUNCHER),
    TEST_JDBC_URL(Reader.LAUNCHER),
    TEST_JDBC_USER(Reader.LAUNCHER),
    TEST_JDBC_PASSWORD(Reader.LAUNCHER),
    BACKEND_CMD(Reader.LAUNCHER),
    BACKEND_URL(Reader.LAUNCHER),
    BACKEND_TIMEOUT_MS(Reader.LAUNCHER),
    REQUIRE_BACKEND(Reader.LAUNCHER),
    SQL_URL(Reader.LAUNCHER);

    public static final String PREFIX = "ROOTSCOPE_";

    /** Who reads a key, and so where it may be set. */
    public enum Reader {
        /** The backend's entry points, from the environment or the file. */
        BACKEND,
        /** The backend, from the environment only (the file's own name). */
        ENVIRONMENT,
        /**
         * The launcher script, the local database's script, the tests and the plugin's tests, from the environment; the
         * backend only lets them pass, and refuses them in the file, where they would have no effect.
         */
        LAUNCHER
    }

    private final Reader reader;

    ConfigKey(Reader reader) {
        this.reader = reader;
    }

    /** The full name, as set in the environment or the file. */
    public String key() {
        return PREFIX + name();
    }

    public Reader reader() {
        return reader;
    }

    public static Optional<ConfigKey> of(String key) {
        return Arrays.stream(values()).filter(known -> known.key().equals(key)).findFirst();
    }
}
