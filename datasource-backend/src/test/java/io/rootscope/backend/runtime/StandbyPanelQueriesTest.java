package io.rootscope.backend.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rootscope.backend.Backend;
import io.rootscope.backend.config.ConfigKey;
import io.rootscope.backend.json.Json;
import io.rootscope.backend.testing.DatabaseServer;
import io.rootscope.backend.testing.LocalStandby;
import io.rootscope.backend.testing.Rows;
import io.rootscope.backend.testing.TcpProxy;
import io.rootscope.backend.testing.TestBackend;
import io.rootscope.backend.testing.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The production composition ({@link Backend#start}) with {@code ROOTSCOPE_DB_READER_URL} naming the real standby of the
 * local database (through a {@link TcpProxy}, so that the test can cut it off without stopping the shared standby).
 */
class StandbyPanelQueriesTest {

    private static final Pattern CHECKOUTS = Pattern.compile("rootscope_reader_checkouts_total\\{server=\"(\\w+)\"} (\\d+)");
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private static TestDatabase database;
    private static TcpProxy proxy;
    private static Backend backend;

    @BeforeAll
    static void start() throws Exception {
        DatabaseServer standby = LocalStandby.start();
        database = TestDatabase.createMigrated();
        Rows.execute(database.dataSource(), "INSERT INTO dim_tenant (code, name) VALUES ('acme', 'Acme')");
        // Panels go to the primary while the standby is behind: it must have the new database first.
        LocalStandby.awaitReplay(standby, database.dataSource(), Duration.ofSeconds(60));
        proxy = new TcpProxy(Integer.parseInt(standby.adminJdbcUrl().replaceAll(".*:(\\d+)/.*", "$1")));
        backend = Backend.start(database.backendConfig(Map.of(
                ConfigKey.DB_READER_URL.key(), "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + database.name(),
                ConfigKey.DB_READER_MAX_WAIT_MS.key(), "2000")));
    }

    @AfterAll
    static void stop() throws Exception {
        if (backend != null) {
            backend.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void panelQueriesAreServedByTheStandby() throws Exception {
        Map<String, Long> before = checkouts();
        for (int i = 0; i < 5; i++) {
            assertEquals(200, incidentsPanel().statusCode());
        }
        Map<String, Long> after = checkouts();
        assertTrue(after.get("standby") >= before.get("standby") + 5, before + " -> " + after);
        assertEquals(before.get("primary"), after.get("primary"), before + " -> " + after);
    }

    @Test
    void aPanelShowsTheIncidentTheAlertWebhookJustAnsweredThoughTheStandbyIsBehind() throws Exception {
        try (LocalStandby.Paused paused = LocalStandby.pauseReplay()) {
            Map<String, Long> before = checkouts();
            HttpResponse<String> fired = send("/alerts/grafana", """
                    {"receiver":"rootscope","status":"firing","alerts":[{"status":"firing","labels":{"alertname":"CheckoutLatency",
                    "service":"front-end","namespace":"rca"},"startsAt":"%s","fingerprint":"standby","generatorURL":"http://grafana/rule"}]}"""
                    .formatted(Instant.now().minus(5, ChronoUnit.MINUTES)));
            assertEquals(200, fired.statusCode(), fired.body());
            String incident = Json.MAPPER.readTree(fired.body()).at("/alerts/0/event_id").asText();
            HttpResponse<String> panel = incidentsPanel();
            assertEquals(200, panel.statusCode(), panel.body());
            assertTrue(panel.body().contains(incident), "the incident just answered is on the panel: " + panel.body());
            assertTrue(checkouts().get("primary") > before.get("primary"), "the standby could not have shown it");
        }
    }

    @Test
    void whenTheStandbyIsCutOffPanelQueriesAreStillAnswered() throws Exception {
        proxy.cut();
        try {
            Map<String, Long> before = checkouts();
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> panel = incidentsPanel();
                assertEquals(200, panel.statusCode(), panel.body());
            }
            Map<String, Long> after = checkouts();
            assertEquals(before.get("standby"), after.get("standby"), before + " -> " + after);
            assertTrue(after.get("primary") >= before.get("primary") + 3, before + " -> " + after);
        } finally {
            proxy.start();
        }
    }

    private static HttpResponse<String> incidentsPanel() throws Exception {
        return send("/query", TestBackend.queryBody(Instant.now().minus(1, ChronoUnit.HOURS), Instant.now(), "incidents",
                "{\"status\":\"all\"}"));
    }

    private static Map<String, Long> checkouts() throws Exception {
        String metrics = CLIENT.send(HttpRequest.newBuilder(URI.create(backend.url() + "/metrics")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Map<String, Long> counts = new HashMap<>();
        Matcher matcher = CHECKOUTS.matcher(metrics);
        while (matcher.find()) {
            counts.put(matcher.group(1), Long.parseLong(matcher.group(2)));
        }
        assertEquals(2, counts.size(), metrics);
        return counts;
    }

    private static HttpResponse<String> send(String path, String json) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(backend.url() + path)).header("Content-Type", "application/json")
                .header("X-Rootscope-Tenant", "acme").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
