package io.rootscope.backend.config;

import io.rootscope.backend.db.DatabaseSettings;
import io.rootscope.backend.http.HttpSettings;
import io.rootscope.backend.protocol.QueryLimits;
import io.rootscope.backend.rca.DiagnosisSettings;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * All backend configuration, in one place: environment variables, over an optional properties file named by
 * {@code ROOTSCOPE_CONFIG} that uses the same keys (so a file line {@code ROOTSCOPE_HTTP_PORT=8090} and the
 * variable mean the same). Bad values fail start-up with a message naming the key.
 */
public record BackendConfig(String host, int port, DatabaseSettings writer, DatabaseSettings reader,
                            Optional<String> authToken, QueryLimits limits, DiagnosisSettings diagnoses, HttpSettings http) {

    public static final String HOST_DEFAULT = "127.0.0.1";
    public static final int PORT_DEFAULT = 8090;
    public static final String READER_USER_DEFAULT = "rootscope_reader";

    public static BackendConfig load(Map<String, String> env) {
        Map<String, String> values = new HashMap<>();
        String file = env.get("ROOTSCOPE_CONFIG");
        if (file != null && !file.isBlank()) {
            values.putAll(readFile(Path.of(file)));
        }
        values.putAll(env);
        DatabaseSettings writer = DatabaseSettings.fromEnvironment(values);
        Map<String, String> readerValues = new HashMap<>(values);
        readerValues.put("ROOTSCOPE_DB_USER", values.getOrDefault("ROOTSCOPE_DB_READER_USER", READER_USER_DEFAULT));
        readerValues.put("ROOTSCOPE_DB_PASSWORD", values.getOrDefault("ROOTSCOPE_DB_READER_PASSWORD", READER_USER_DEFAULT));
        QueryLimits limits = new QueryLimits(
                Duration.ofDays(integer(values, "ROOTSCOPE_QUERY_MAX_RANGE_DAYS", (int) QueryLimits.MAX_RANGE_DEFAULT.toDays(), 1)),
                integer(values, "ROOTSCOPE_QUERY_MAX_DATA_POINTS", QueryLimits.MAX_DATA_POINTS_DEFAULT, 1),
                Duration.ofSeconds(integer(values, "ROOTSCOPE_QUERY_TIMEOUT_SECONDS", (int) QueryLimits.QUERY_TIMEOUT_DEFAULT.toSeconds(), 1)),
                integer(values, "ROOTSCOPE_QUERY_MAX_GRAPH_NODES", QueryLimits.MAX_GRAPH_NODES_DEFAULT, 1),
                integer(values, "ROOTSCOPE_QUERY_MAX_TARGETS", QueryLimits.MAX_TARGETS_DEFAULT, 1));
        DiagnosisSettings diagnoses = new DiagnosisSettings(
                integer(values, "ROOTSCOPE_RCA_MAX_CONCURRENT", DiagnosisSettings.MAX_CONCURRENT_DEFAULT, 1),
                Duration.ofMillis(integer(values, "ROOTSCOPE_RCA_QUEUE_WAIT_MS", (int) DiagnosisSettings.QUEUE_WAIT_DEFAULT.toMillis(), 0)),
                integer(values, "ROOTSCOPE_RCA_CACHE_MB", (int) (DiagnosisSettings.CACHE_BYTES_DEFAULT >> 20), 0) * 1024L * 1024,
                integer(values, "ROOTSCOPE_RCA_MAX_SPANS", DiagnosisSettings.MAX_SPANS_DEFAULT, 1),
                integer(values, "ROOTSCOPE_RCA_MAX_LOG_EVENTS", DiagnosisSettings.MAX_LOG_EVENTS_DEFAULT, 1));
        return new BackendConfig(
                values.getOrDefault("ROOTSCOPE_HTTP_HOST", HOST_DEFAULT),
                integer(values, "ROOTSCOPE_HTTP_PORT", PORT_DEFAULT, 0),
                writer,
                DatabaseSettings.fromEnvironment(readerValues),
                Optional.ofNullable(values.get("ROOTSCOPE_AUTH_TOKEN")).filter(t -> !t.isBlank()),
                limits,
                diagnoses,
                http(values));
    }

    private static HttpSettings http(Map<String, String> values) {
        long maxBody = integer(values, "ROOTSCOPE_HTTP_MAX_BODY_BYTES", (int) HttpSettings.MAX_BODY_BYTES_DEFAULT, 1);
        Duration idle = Duration.ofSeconds(integer(values, "ROOTSCOPE_HTTP_IDLE_TIMEOUT_SECONDS",
                (int) HttpSettings.IDLE_TIMEOUT_DEFAULT.toSeconds(), 1));
        long minRate = integer(values, "ROOTSCOPE_HTTP_MIN_DATA_RATE", (int) HttpSettings.MIN_DATA_RATE_DEFAULT, 0);
        int bodyRequests = integer(values, "ROOTSCOPE_HTTP_MAX_BODY_REQUESTS", HttpSettings.MAX_BODY_REQUESTS_DEFAULT, 1);
        if (bodyRequests > HttpSettings.MAX_BODY_REQUESTS_LIMIT) {
            throw new IllegalArgumentException("ROOTSCOPE_HTTP_MAX_BODY_REQUESTS must be at most " + HttpSettings.MAX_BODY_REQUESTS_LIMIT
                    + " (of " + HttpSettings.THREADS + " server threads), got " + bodyRequests);
        }
        int inFlight = integer(values, "ROOTSCOPE_HTTP_MAX_BODY_BYTES_IN_FLIGHT", HttpSettings.MAX_BODY_BYTES_IN_FLIGHT_DEFAULT, 1);
        if (inFlight < maxBody) {
            throw new IllegalArgumentException("ROOTSCOPE_HTTP_MAX_BODY_BYTES_IN_FLIGHT must be at least ROOTSCOPE_HTTP_MAX_BODY_BYTES ("
                    + maxBody + "), got " + inFlight);
        }
        List<String> origins = Arrays.stream(values.getOrDefault("ROOTSCOPE_HTTP_CORS_ORIGINS", "").split(","))
                .map(String::trim).filter(origin -> !origin.isEmpty()).toList();
        return new HttpSettings(maxBody, idle, minRate, bodyRequests, inFlight, origins);
    }

    private static Map<String, String> readFile(Path path) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(path)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new IllegalArgumentException("ROOTSCOPE_CONFIG: cannot read " + path + ": " + e.getMessage(), e);
        }
        Map<String, String> values = new HashMap<>();
        properties.forEach((key, value) -> {
            if (!key.toString().startsWith("ROOTSCOPE_")) {
                throw new IllegalArgumentException("ROOTSCOPE_CONFIG: unknown key '" + key + "' in " + path + " (keys are the ROOTSCOPE_* variable names)");
            }
            values.put(key.toString(), value.toString().trim());
        });
        return values;
    }

    private static int integer(Map<String, String> values, String key, int fallback, int min) {
        String text = values.get(key);
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text.trim());
            if (value < min) {
                throw new IllegalArgumentException(key + " must be at least " + min + ", got " + value);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, got '" + text + "'");
        }
    }
}
