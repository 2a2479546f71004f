package io.rootscope.backend.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rootscope.backend.db.DatabaseSettings;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one loader: a setting in the {@code ROOTSCOPE_CONFIG} file alone reaches every subsystem's settings, the environment
 * overrides the file, and an unknown key or a bad value, in either, is refused naming it.
 */
class ConfigFileTest {

    /** Built, so that the repository-wide scan of ConfigKeysTest does not take it for a key someone uses. */
    private static final String MISSPELT = ConfigKey.PREFIX + "HTTP_PROT";

    @TempDir
    Path dir;

    @Test
    void aFileWithAPortAPrometheusUrlAndATenantGivesAllThree() throws Exception {
        BackendConfig config = fromFile("""
                ROOTSCOPE_HTTP_PORT=9123
                ROOTSCOPE_PROMETHEUS_URL=http://prometheus.example:9090/
                ROOTSCOPE_TENANT=acme
                """, Map.of());
        assertEquals(9123, config.port());
        assertEquals(Optional.of(URI.create("http://prometheus.example:9090/")), config.etl().prometheusUrl());
        assertEquals("acme", config.etl().tenant());
    }

    @Test
    void everyFileOnlySettingReachesItsSubsystem() throws Exception {
        BackendConfig config = fromFile("""
                ROOTSCOPE_HTTP_HOST=0.0.0.0
                ROOTSCOPE_HTTP_MAX_BODY_BYTES=2048
                ROOTSCOPE_HTTP_CORS_ORIGINS=https://grafana.example
                ROOTSCOPE_AUTH_TOKEN=secret
                ROOTSCOPE_JDBC_URL=jdbc:postgresql://db.example:5432/ops
                ROOTSCOPE_DB_USER=writer
                ROOTSCOPE_DB_PASSWORD=w
                ROOTSCOPE_DB_READER_USER=reader
                ROOTSCOPE_DB_READER_PASSWORD=r
                ROOTSCOPE_DB_POOL_SIZE=3
                ROOTSCOPE_DB_ADMIN_USER=admin
                ROOTSCOPE_DB_ADMIN_PASSWORD=a
                ROOTSCOPE_QUERY_TIMEOUT_SECONDS=4
                ROOTSCOPE_QUERY_MAX_RANGE_DAYS=7
                ROOTSCOPE_QUERY_MAX_TARGETS=5
                ROOTSCOPE_RCA_MAX_CONCURRENT=2
                ROOTSCOPE_RCA_MAX_SPANS=1000
                ROOTSCOPE_RCA_MAX_LOG_EVENTS=2000
                ROOTSCOPE_NAMESPACE=shop
                ROOTSCOPE_LATENESS_HORIZON_MINUTES=30
                ROOTSCOPE_PROMETHEUS_URL=http://127.0.0.1:9090/
                ROOTSCOPE_PROMQL_TEMPLATES={"memory": null}
                """, Map.of());
        assertEquals("0.0.0.0", config.host());
        assertEquals(2048, config.http().maxBodyBytes());
        assertEquals(List.of("https://grafana.example"), config.http().corsOrigins());
        assertEquals(Optional.of("secret"), config.authToken());
        assertEquals("jdbc:postgresql://db.example:5432/ops writer w 3", describe(config.database().writer()));
        assertEquals("jdbc:postgresql://db.example:5432/ops reader r 3", describe(config.database().reader()));
        assertEquals("admin a", config.database().adminUser() + " " + config.database().adminPassword());
        assertEquals(Duration.ofSeconds(4), config.limits().queryTimeout());
        assertEquals(Duration.ofDays(7), config.limits().maxRange());
        assertEquals(5, config.limits().maxTargets());
        assertEquals(2, config.diagnoses().maxConcurrent());
        assertEquals(1000, config.diagnoses().maxSpans());
        assertEquals(2000, config.diagnoses().maxLogEvents());
        assertEquals("shop", config.etl().namespace());
        assertEquals(Duration.ofMinutes(30), config.etl().latenessHorizon());
        assertTrue(config.etl().promQueries().stream().noneMatch(query -> query.metric().equals("memory")), "the file's templates");
    }

    @Test
    void theEnvironmentOverridesTheFile() throws Exception {
        BackendConfig config = fromFile("ROOTSCOPE_HTTP_PORT=9123\nROOTSCOPE_TENANT=acme\nROOTSCOPE_QUERY_TIMEOUT_SECONDS=4\n",
                Map.of("ROOTSCOPE_TENANT", "globex", "ROOTSCOPE_QUERY_TIMEOUT_SECONDS", "6"));
        assertEquals(9123, config.port());
        assertEquals("globex", config.etl().tenant());
        assertEquals(Duration.ofSeconds(6), config.limits().queryTimeout());
    }

    @Test
    void anUnknownKeyIsRefusedWithItsNameWhereverItIs() throws Exception {
        ConfigException inEnvironment = assertThrows(ConfigException.class, () -> BackendConfig.load(Map.of(MISSPELT, "8090")));
        assertTrue(inEnvironment.getMessage().startsWith("unknown setting " + MISSPELT + " in the environment"), inEnvironment.getMessage());

        ConfigException inFile = assertThrows(ConfigException.class, () -> fromFile(MISSPELT + "=8090\n", Map.of()));
        assertTrue(inFile.getMessage().startsWith("unknown setting " + MISSPELT + " in the ROOTSCOPE_CONFIG file " + dir), inFile.getMessage());

        ConfigException foreign = assertThrows(ConfigException.class, () -> fromFile("http.port=8090\n", Map.of()));
        assertTrue(foreign.getMessage().startsWith("unknown setting http.port"), foreign.getMessage());
    }

    @Test
    void theLaunchersKeysPassInTheEnvironmentButAreRefusedInTheFile() throws Exception {
        BackendConfig config = BackendConfig.load(Map.of("ROOTSCOPE_HEAP", "1g", "ROOTSCOPE_HOME", "/tmp/rs", "ROOTSCOPE_DB_PORT", "55433",
                "ROOTSCOPE_TEST_JDBC_URL", "jdbc:postgresql://127.0.0.1:1/x", "ROOTSCOPE_REQUIRE_BACKEND", "1", "PATH", "/usr/bin"));
        assertEquals(BackendConfig.PORT_DEFAULT, config.port(), "none of them is the backend's");
        ConfigException heap = assertThrows(ConfigException.class, () -> fromFile("ROOTSCOPE_HEAP=1g\n", Map.of()));
        assertTrue(heap.getMessage().startsWith("ROOTSCOPE_HEAP in the ROOTSCOPE_CONFIG file"), heap.getMessage());
        assertTrue(heap.getMessage().endsWith("it is read from the environment only"), heap.getMessage());
        assertThrows(ConfigException.class, () -> fromFile("ROOTSCOPE_CONFIG=/etc/other.properties\n", Map.of()));
    }

    @Test
    void aBadValueInTheFileIsRefusedNamingItsKey() throws Exception {
        assertMessage("ROOTSCOPE_HTTP_PORT must be a whole number, got 'eighty'", "ROOTSCOPE_HTTP_PORT=eighty\n");
        assertMessage("ROOTSCOPE_HTTP_PORT must be from 0 to 65535, got 70000", "ROOTSCOPE_HTTP_PORT=70000\n");
        assertMessage("ROOTSCOPE_QUERY_TIMEOUT_SECONDS must be at least 1, got 0", "ROOTSCOPE_QUERY_TIMEOUT_SECONDS=0\n");
        assertMessage("ROOTSCOPE_DB_POOL_SIZE must be a whole number", "ROOTSCOPE_DB_POOL_SIZE=ten\n");
        assertMessage("ROOTSCOPE_PROMETHEUS_URL is not a URL", "ROOTSCOPE_PROMETHEUS_URL=http://bad host/\n");
        ConfigException missing = assertThrows(ConfigException.class,
                () -> BackendConfig.load(Map.of("ROOTSCOPE_CONFIG", dir.resolve("absent.properties").toString())));
        assertTrue(missing.getMessage().startsWith("ROOTSCOPE_CONFIG: cannot read " + dir.resolve("absent.properties")), missing.getMessage());
    }

    private void assertMessage(String start, String file) {
        ConfigException bad = assertThrows(ConfigException.class, () -> fromFile(file, Map.of()));
        assertTrue(bad.getMessage().startsWith(start), bad.getMessage());
    }

    private BackendConfig fromFile(String properties, Map<String, String> environment) throws Exception {
        Path file = Files.writeString(dir.resolve("rootscope.properties"), properties);
        Map<String, String> env = new HashMap<>(environment);
        env.put("ROOTSCOPE_CONFIG", file.toString());
        return BackendConfig.load(env);
    }

    private static String describe(DatabaseSettings settings) {
        return settings.jdbcUrl() + " " + settings.user() + " " + settings.password() + " " + settings.maxPoolSize();
    }
}
