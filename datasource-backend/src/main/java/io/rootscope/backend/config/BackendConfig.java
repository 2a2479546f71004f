package io.rootscope.backend.config;

import static io.rootscope.backend.config.ConfigKey.AUTH_TOKEN;
import static io.rootscope.backend.config.ConfigKey.DB_ADMIN_PASSWORD;
import static io.rootscope.backend.config.ConfigKey.DB_ADMIN_USER;
import static io.rootscope.backend.config.ConfigKey.DB_PASSWORD;
import static io.rootscope.backend.config.ConfigKey.DB_POOL_SIZE;
import static io.rootscope.backend.config.ConfigKey.DB_READER_PASSWORD;
import static io.rootscope.backend.config.ConfigKey.DB_READER_MAX_WAIT_MS;
import static io.rootscope.backend.config.ConfigKey.DB_READER_URL;
import static io.rootscope.backend.config.ConfigKey.DB_READER_USER;
import static io.rootscope.backend.config.ConfigKey.DB_USER;
import static io.rootscope.backend.config.ConfigKey.HTTP_CORS_ORIGINS;
import static io.rootscope.backend.config.ConfigKey.HTTP_HOST;
import static io.rootscope.backend.config.ConfigKey.HTTP_IDLE_TIMEOUT_SECONDS;
import static io.rootscope.backend.config.ConfigKey.HTTP_MAX_BODY_BYTES;
import static io.rootscope.backend.config.ConfigKey.HTTP_MAX_BODY_BYTES_IN_FLIGHT;
import static io.rootscope.backend.config.ConfigKey.HTTP_MAX_BODY_REQUESTS;
import static io.rootscope.backend.config.ConfigKey.HTTP_MIN_DATA_RATE;
import static io.rootscope.backend.config.ConfigKey.HTTP_PORT;
import static io.rootscope.backend.config.ConfigKey.OTLP_GRPC_PORT;
import static io.rootscope.backend.config.ConfigKey.JDBC_URL;
import static io.rootscope.backend.config.ConfigKey.KAFKA_ANOMALY_TOPIC;
import static io.rootscope.backend.config.ConfigKey.KAFKA_BOOTSTRAP;
import static io.rootscope.backend.config.ConfigKey.KAFKA_ENCODING;
import static io.rootscope.backend.config.ConfigKey.KAFKA_GROUP;
import static io.rootscope.backend.config.ConfigKey.KAFKA_LOGS_TOPIC;
import static io.rootscope.backend.config.ConfigKey.KAFKA_RCA_TOPIC;
import static io.rootscope.backend.config.ConfigKey.KAFKA_SPANS_TOPIC;
import static io.rootscope.backend.config.ConfigKey.KAFKA_TENANT;
import static io.rootscope.backend.config.ConfigKey.LATENESS_HORIZON_MINUTES;
import static io.rootscope.backend.config.ConfigKey.NAMESPACE;
import static io.rootscope.backend.config.ConfigKey.PROMETHEUS_URL;
import static io.rootscope.backend.config.ConfigKey.PROMQL_RATE_WINDOW_SECONDS;
import static io.rootscope.backend.config.ConfigKey.PROMQL_TEMPLATES;
import static io.rootscope.backend.config.ConfigKey.PUSHED_METRIC_RULES;
import static io.rootscope.backend.config.ConfigKey.QUERY_MAX_DATA_POINTS;
import static io.rootscope.backend.config.ConfigKey.QUERY_MAX_GRAPH_NODES;
import static io.rootscope.backend.config.ConfigKey.QUERY_MAX_RANGE_DAYS;
import static io.rootscope.backend.config.ConfigKey.QUERY_MAX_TARGETS;
import static io.rootscope.backend.config.ConfigKey.QUERY_TIMEOUT_SECONDS;
import static io.rootscope.backend.config.ConfigKey.RCA_CACHE_MB;
import static io.rootscope.backend.config.ConfigKey.RCA_MAX_CONCURRENT;
import static io.rootscope.backend.config.ConfigKey.RCA_MAX_LOG_EVENTS;
import static io.rootscope.backend.config.ConfigKey.RCA_MAX_SPANS;
import static io.rootscope.backend.config.ConfigKey.RCA_QUEUE_WAIT_MS;
import static io.rootscope.backend.config.ConfigKey.REPLICA_HEARTBEAT_SECONDS;
import static io.rootscope.backend.config.ConfigKey.REPLICA_ID;
import static io.rootscope.backend.config.ConfigKey.REPLICA_LEASE_SECONDS;
import static io.rootscope.backend.config.ConfigKey.RUNBOOKS_DIR;
import static io.rootscope.backend.config.ConfigKey.RUNBOOKS_TENANT;
import static io.rootscope.backend.config.ConfigKey.TENANT;

import io.rootscope.backend.db.DatabaseSettings;
import io.rootscope.backend.db.replica.ReplicaSettings;
import io.rootscope.backend.detection.DetectionSettings;
import io.rootscope.backend.etl.prometheus.MetricQuery;
import io.rootscope.backend.etl.prometheus.PromQueryTemplates;
import io.rootscope.backend.etl.pushed.DerivationRules;
import io.rootscope.backend.etl.pushed.DerivationSettings;
import io.rootscope.backend.http.HttpSettings;
import io.rootscope.backend.kafka.KafkaSettings;
import io.rootscope.backend.ingest.LatenessBounds;
import io.rootscope.backend.protocol.QueryLimits;
import io.rootscope.backend.rca.DiagnosisSettings;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * All configuration of every entry point (serve, db migrate, ingest, tenant, eval-db, demo), immutable, grouped by
 * subsystem, and its one loader {@link #load}: the environment over the properties file named by {@code ROOTSCOPE_CONFIG}
 * (same keys, {@link ConfigKey}). An unknown key or a bad value fails with a {@link ConfigException} naming the key.
 *
 * @param host      the HTTP listener's address
 * @param port      its port (0: any free one)
 * @param otlpGrpcPort the OTLP/gRPC listener's port on the same address (0: any free one), empty when it is off
 * @param authToken the admin token; authentication is on exactly when it is set
 * @param limits    the bounds of panel queries, their statement timeout included
 * @param diagnoses the bounds of diagnoses (concurrency, queue wait, cache, spans and log events read)
 * @param window    the window an incident's diagnosis reads (no key: tests and the demo shrink it)
 * @param detection the anomaly detection rules (no key: tests and the demo shrink its baseline)
 * @param runbooks  the runbook folder loaded at start, and its tenant
 * @param kafka     the Kafka consumers and the diagnoses' publisher (off without bootstrap servers)
 * @param replica   this backend among the replicas sharing the database: its id, heartbeat and lease
 */
public record BackendConfig(String host, int port, OptionalInt otlpGrpcPort, DatabaseConfig database, Optional<String> authToken,
                            QueryLimits limits, DiagnosisSettings diagnoses, HttpSettings http, EtlSettings etl, DetectionSettings detection,
                            DiagnosisWindow window, RunbookSettings runbooks, KafkaSettings kafka,
                            ReplicaSettings replica) {

    public static final String HOST_DEFAULT = "127.0.0.1";
    public static final int PORT_DEFAULT = 8090;
    /** The port OTLP/gRPC clients send to by default. */
    public static final int OTLP_GRPC_PORT_DEFAULT = 4317;
    /** The value of {@code ROOTSCOPE_OTLP_GRPC_PORT} that turns the gRPC listener off. */
    public static final String OTLP_GRPC_OFF = "off";

    /** The configuration of a process whose environment is {@code env}. */
    public static BackendConfig load(Map<String, String> env) {
        ConfigValues values = ConfigValues.of(env);
        return new BackendConfig(
                values.text(HTTP_HOST, HOST_DEFAULT),
                (int) values.integer(HTTP_PORT, PORT_DEFAULT, 0, 65535),
                otlpGrpcPort(values),
                database(values),
                values.text(AUTH_TOKEN),
                limits(values),
                diagnoses(values),
                http(values),
                etl(values),
                DetectionSettings.DEFAULT,
                DiagnosisWindow.DEFAULT,
                new RunbookSettings(runbooksDir(values),
                        values.text(RUNBOOKS_TENANT, RunbookSettings.TENANT_DEFAULT)),
                kafka(values),
                replica(values));
    }

    /**
     * The configuration of a command-line entry point, from its process environment; a bad or unknown setting ends the
     * process with {@code rootscope COMMAND: message} and status 2, without a stack trace.
     */
    public static BackendConfig forCommand(String command) {
        try {
            return load(System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("rootscope " + command + ": " + e.getMessage());
            System.exit(2);
            throw e;
        }
    }

    public BackendConfig withDatabase(DatabaseConfig newDatabase) {
        return new BackendConfig(host, port, otlpGrpcPort, newDatabase, authToken, limits, diagnoses, http, etl, detection, window, runbooks, kafka, replica);
    }

    public BackendConfig withDiagnoses(DiagnosisSettings newDiagnoses) {
        return new BackendConfig(host, port, otlpGrpcPort, database, authToken, limits, newDiagnoses, http, etl, detection, window, runbooks, kafka, replica);
    }

    public BackendConfig withEtl(EtlSettings newEtl) {
        return new BackendConfig(host, port, otlpGrpcPort, database, authToken, limits, diagnoses, http, newEtl, detection, window, runbooks, kafka, replica);
    }

    public BackendConfig withDetection(DetectionSettings newDetection) {
        return new BackendConfig(host, port, otlpGrpcPort, database, authToken, limits, diagnoses, http, etl, newDetection, window, runbooks, kafka, replica);
    }

    public BackendConfig withDiagnosisWindow(DiagnosisWindow newWindow) {
        return new BackendConfig(host, port, otlpGrpcPort, database, authToken, limits, diagnoses, http, etl, detection, newWindow, runbooks, kafka, replica);
    }

    public BackendConfig withReplica(ReplicaSettings newReplica) {
        return new BackendConfig(host, port, otlpGrpcPort, database, authToken, limits, diagnoses, http, etl, detection, window, runbooks, kafka,
                newReplica);
    }

    public BackendConfig withRunbooks(RunbookSettings newRunbooks) {
        return new BackendConfig(host, port, otlpGrpcPort, database, authToken, limits, diagnoses, http, etl, detection, window, newRunbooks, kafka, replica);
    }

    /** The ETL's telemetry of {@code tenant} and {@code namespace} (tests, the demo). */
    public BackendConfig withTelemetry(String tenant, String namespace) {
        return withEtl(etl.withTelemetry(tenant, namespace));
    }

    /** The ETL's windows of {@code window}, {@code delay} after their end, back to {@code lookback}, ticking every {@code tick}. */
    public BackendConfig withEtlTiming(Duration window, Duration delay, Duration lookback, Duration tick) {
        return withEtl(etl.withTiming(window, delay, lookback, tick));
    }

    private static Optional<Path> runbooksDir(ConfigValues values) {
        Optional<String> dir = values.text(RUNBOOKS_DIR);
        try {
            return dir.map(Path::of);
        } catch (InvalidPathException e) {
            throw new ConfigException(RUNBOOKS_DIR.key() + " is not a path: " + dir.get());
        }
    }

    private static DatabaseConfig database(ConfigValues values) {
        String url = values.text(JDBC_URL, DatabaseSettings.JDBC_URL_DEFAULT);
        int poolSize = values.smallInteger(DB_POOL_SIZE, DatabaseSettings.MAX_POOL_SIZE_DEFAULT, 1);
        String readerUser = values.text(DB_READER_USER, DatabaseConfig.READER_USER_DEFAULT);
        String readerPassword = values.text(DB_READER_PASSWORD, DatabaseConfig.READER_USER_DEFAULT);
        Optional<String> standbyUrl = values.text(DB_READER_URL);
        if (standbyUrl.isPresent() && !standbyUrl.get().startsWith("jdbc:postgresql:")) {
            throw new ConfigException(DB_READER_URL.key() + " must be a jdbc:postgresql: URL, got: " + standbyUrl.get());
        }
        return new DatabaseConfig(
                new DatabaseSettings(url, values.text(DB_USER, DatabaseSettings.USER_DEFAULT),
                        values.text(DB_PASSWORD, DatabaseSettings.PASSWORD_DEFAULT), poolSize),
                new DatabaseSettings(url, readerUser, readerPassword, poolSize),
                values.text(DB_ADMIN_USER, DatabaseConfig.ADMIN_USER_DEFAULT),
                values.text(DB_ADMIN_PASSWORD, DatabaseConfig.ADMIN_PASSWORD_DEFAULT),
                standbyUrl.map(standby -> new DatabaseSettings(standby, readerUser, readerPassword, poolSize)),
                Duration.ofMillis(values.integer(DB_READER_MAX_WAIT_MS, DatabaseConfig.STANDBY_MAX_WAIT_DEFAULT.toMillis(), 0, 60_000)));
    }

    private static QueryLimits limits(ConfigValues values) {
        return new QueryLimits(
                Duration.ofDays(values.integer(QUERY_MAX_RANGE_DAYS, QueryLimits.MAX_RANGE_DEFAULT.toDays(), 1)),
                values.smallInteger(QUERY_MAX_DATA_POINTS, QueryLimits.MAX_DATA_POINTS_DEFAULT, 1),
                Duration.ofSeconds(values.smallInteger(QUERY_TIMEOUT_SECONDS, (int) QueryLimits.QUERY_TIMEOUT_DEFAULT.toSeconds(), 1)),
                values.smallInteger(QUERY_MAX_GRAPH_NODES, QueryLimits.MAX_GRAPH_NODES_DEFAULT, 1),
                values.smallInteger(QUERY_MAX_TARGETS, QueryLimits.MAX_TARGETS_DEFAULT, 1));
    }

    private static DiagnosisSettings diagnoses(ConfigValues values) {
        return new DiagnosisSettings(
                values.smallInteger(RCA_MAX_CONCURRENT, DiagnosisSettings.MAX_CONCURRENT_DEFAULT, 1),
                Duration.ofMillis(values.integer(RCA_QUEUE_WAIT_MS, DiagnosisSettings.QUEUE_WAIT_DEFAULT.toMillis(), 0)),
                values.integer(RCA_CACHE_MB, DiagnosisSettings.CACHE_BYTES_DEFAULT >> 20, 0, Long.MAX_VALUE >> 20) << 20,
                values.smallInteger(RCA_MAX_SPANS, DiagnosisSettings.MAX_SPANS_DEFAULT, 1),
                values.smallInteger(RCA_MAX_LOG_EVENTS, DiagnosisSettings.MAX_LOG_EVENTS_DEFAULT, 1));
    }

    private static OptionalInt otlpGrpcPort(ConfigValues values) {
        String text = values.text(OTLP_GRPC_PORT, String.valueOf(OTLP_GRPC_PORT_DEFAULT));
        if (OTLP_GRPC_OFF.equalsIgnoreCase(text)) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of((int) values.integer(OTLP_GRPC_PORT, OTLP_GRPC_PORT_DEFAULT, 0, 65535));
        } catch (ConfigException e) {
            throw new ConfigException(OTLP_GRPC_PORT.key() + " must be a port from 0 to 65535 or " + OTLP_GRPC_OFF + ", got '" + text + "'");
        }
    }

    private static HttpSettings http(ConfigValues values) {
        long maxBody = values.integer(HTTP_MAX_BODY_BYTES, HttpSettings.MAX_BODY_BYTES_DEFAULT, 1);
        Duration idle = Duration.ofSeconds(values.integer(HTTP_IDLE_TIMEOUT_SECONDS, HttpSettings.IDLE_TIMEOUT_DEFAULT.toSeconds(), 1));
        long minRate = values.integer(HTTP_MIN_DATA_RATE, HttpSettings.MIN_DATA_RATE_DEFAULT, 0);
        int bodyRequests = values.smallInteger(HTTP_MAX_BODY_REQUESTS, HttpSettings.MAX_BODY_REQUESTS_DEFAULT, 1);
        if (bodyRequests > HttpSettings.MAX_BODY_REQUESTS_LIMIT) {
            throw new ConfigException(HTTP_MAX_BODY_REQUESTS.key() + " must be at most " + HttpSettings.MAX_BODY_REQUESTS_LIMIT
                    + " (of " + HttpSettings.THREADS + " server threads), got " + bodyRequests);
        }
        int inFlight = values.smallInteger(HTTP_MAX_BODY_BYTES_IN_FLIGHT, HttpSettings.MAX_BODY_BYTES_IN_FLIGHT_DEFAULT, 1);
        if (inFlight < maxBody) {
            throw new ConfigException(HTTP_MAX_BODY_BYTES_IN_FLIGHT.key() + " must be at least " + HTTP_MAX_BODY_BYTES.key() + " ("
                    + maxBody + "), got " + inFlight);
        }
        List<String> origins = Arrays.stream(values.text(HTTP_CORS_ORIGINS, "").split(","))
                .map(String::trim).filter(origin -> !origin.isEmpty()).toList();
        return new HttpSettings(maxBody, idle, minRate, bodyRequests, inFlight, origins);
    }

    private static EtlSettings etl(ConfigValues values) {
        EtlSettings etl = EtlSettings.DEFAULTS
                .withTelemetry(values.text(TENANT, EtlSettings.TENANT_DEFAULT), values.text(NAMESPACE, EtlSettings.NAMESPACE_DEFAULT))
                .withLatenessHorizon(latenessHorizon(values))
                .withPushed(pushedDerivation(values));
        Optional<String> prometheus = values.text(PROMETHEUS_URL);
        if (prometheus.isEmpty()) {
            return etl;
        }
        URI url;
        try {
            url = URI.create(prometheus.get());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(PROMETHEUS_URL.key() + " is not a URL: " + prometheus.get());
        }
        return etl.withPrometheus(url, promQueries(values));
    }

    private static ReplicaSettings replica(ConfigValues values) {
        Duration heartbeat = Duration.ofSeconds(values.integer(REPLICA_HEARTBEAT_SECONDS, ReplicaSettings.HEARTBEAT_DEFAULT.toSeconds(), 1));
        Duration lease = Duration.ofSeconds(values.integer(REPLICA_LEASE_SECONDS, ReplicaSettings.LEASE_DEFAULT.toSeconds(), 1));
        if (lease.compareTo(heartbeat.multipliedBy(2)) < 0) {
            throw new ConfigException(REPLICA_LEASE_SECONDS.key() + " must be at least twice " + REPLICA_HEARTBEAT_SECONDS.key() + " ("
                    + heartbeat.toSeconds() + "), got " + lease.toSeconds());
        }
        String id = values.text(REPLICA_ID).orElseGet(ReplicaSettings::defaultId);
        if (id.isBlank()) {
            throw new ConfigException(REPLICA_ID.key() + " must not be blank");
        }
        return new ReplicaSettings(id, heartbeat, lease);
    }

    private static KafkaSettings kafka(ConfigValues values) {
        String encoding = values.text(KAFKA_ENCODING, KafkaSettings.ENCODING_DEFAULT);
        return new KafkaSettings(values.text(KAFKA_BOOTSTRAP), values.text(KAFKA_GROUP, KafkaSettings.GROUP_DEFAULT),
                values.text(KAFKA_TENANT, EtlSettings.TENANT_DEFAULT),
                KafkaSettings.encoding(encoding).orElseThrow(() -> new ConfigException(
                        KAFKA_ENCODING.key() + " must be otlp_proto or otlp_json, got " + encoding)),
                topic(values, KAFKA_SPANS_TOPIC, KafkaSettings.SPANS_TOPIC_DEFAULT), topic(values, KAFKA_LOGS_TOPIC, KafkaSettings.LOGS_TOPIC_DEFAULT),
                topic(values, KAFKA_ANOMALY_TOPIC, KafkaSettings.ANOMALY_TOPIC_DEFAULT), topic(values, KAFKA_RCA_TOPIC, KafkaSettings.RCA_TOPIC_DEFAULT));
    }

    /** A topic's name, empty when it is set to {@link KafkaSettings#OFF}. */
    private static Optional<String> topic(ConfigValues values, ConfigKey key, String defaultName) {
        String name = values.text(key, defaultName);
        return name.equals(KafkaSettings.OFF) ? Optional.empty() : Optional.of(name);
    }

    private static Duration latenessHorizon(ConfigValues values) {
        long max = LatenessBounds.HORIZON_MAX.toMinutes();
        try {
            return Duration.ofMinutes(values.integer(LATENESS_HORIZON_MINUTES, LatenessBounds.HORIZON_DEFAULT.toMinutes(), 1, max));
        } catch (ConfigException e) {
            throw new ConfigException(LATENESS_HORIZON_MINUTES.key() + " must be a whole number of minutes from 1 to " + max
                    + " (staged rows are kept two days), got " + values.text(LATENESS_HORIZON_MINUTES).orElse(""));
        }
    }

    private static List<MetricQuery> promQueries(ConfigValues values) {
        List<MetricQuery> defaults = PromQueryTemplates.DEFAULTS;
        if (values.text(PROMQL_RATE_WINDOW_SECONDS).isPresent()) {
            defaults = PromQueryTemplates.defaults(rateWindow(values));
        }
        Optional<String> templates = jsonOrFile(values, PROMQL_TEMPLATES);
        if (templates.isEmpty()) {
            return defaults;
        }
        try {
            return PromQueryTemplates.fromJson(templates.get(), defaults);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(PROMQL_TEMPLATES.key() + ": " + e.getMessage());
        }
    }

    /** The rules deriving metrics from pushed series, with the PromQL templates' rate window. */
    private static DerivationSettings pushedDerivation(ConfigValues values) {
        Duration rateWindow = values.text(PROMQL_RATE_WINDOW_SECONDS).isPresent() ? rateWindow(values) : PromQueryTemplates.RATE_WINDOW_DEFAULT;
        Optional<String> rules = jsonOrFile(values, PUSHED_METRIC_RULES);
        try {
            return new DerivationSettings(rules.isEmpty() ? DerivationRules.DEFAULTS : DerivationRules.fromJson(rules.get(), DerivationRules.DEFAULTS), rateWindow);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(PUSHED_METRIC_RULES.key() + ": " + e.getMessage());
        }
    }

    private static Duration rateWindow(ConfigValues values) {
        return Duration.ofSeconds(values.integer(PROMQL_RATE_WINDOW_SECONDS, 0, 1));
    }

    /** A JSON value given inline (starting with '{') or as the path of a file holding it. */
    private static Optional<String> jsonOrFile(ConfigValues values, ConfigKey key) {
        Optional<String> value = values.text(key);
        if (value.isEmpty() || value.get().startsWith("{")) {
            return value;
        }
        try {
            return Optional.of(Files.readString(Path.of(value.get())));
        } catch (IOException | InvalidPathException e) {
            throw new ConfigException(key.key() + ": cannot read " + value.get() + ": " + e.getMessage());
        }
    }
}
