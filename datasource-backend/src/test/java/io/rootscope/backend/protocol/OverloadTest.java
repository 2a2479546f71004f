package io.rootscope.backend.protocol;

import static io.rootscope.backend.testing.SlowPaymentMetrics.FRONT_END;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariDataSource;
import io.rootscope.backend.Backend;
import io.rootscope.backend.db.DataSourceFactory;
import io.rootscope.backend.db.DatabaseSettings;
import io.rootscope.backend.json.Json;
import io.rootscope.backend.rca.DiagnosisSettings;
import io.rootscope.backend.testing.Rows;
import io.rootscope.backend.testing.SlowPaymentMetrics;
import io.rootscope.backend.testing.TestBackend;
import io.rootscope.backend.testing.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Overload is not an outage: a diagnosis over the concurrency limit is refused with 429, and a pool whose connections are all
 * in use answers 503 "busy" — both with Retry-After, neither saying "database unavailable" (DatabaseOutageTest has the outage).
 */
class OverloadTest {

    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    void aDiagnosisOverTheLimitIsRefusedWith429AndWritesNothing() throws Exception {
        TestDatabase database = TestDatabase.shared();
        DataSource db = database.dataSource();
        SlowPaymentMetrics data = new SlowPaymentMetrics(db, "overload");
        DiagnosisSettings oneAtATime = new DiagnosisSettings(1, Duration.ZERO, DiagnosisSettings.CACHE_BYTES_DEFAULT);
        try (HikariDataSource reader = DataSourceFactory.create(database.readerSettings(), "overload-reader")) {
            Backend backend = Backend.serve(database.backendConfig(Map.of()).withDiagnoses(oneAtATime), db, reader);
            String base = backend.url();
            String runs = "SELECT count(*) FROM rca_run WHERE tenant_id = " + data.tenantId;
            String before = Rows.single(db, runs);
            try {
                CompletableFuture<HttpResponse<String>> first;
                CompletableFuture<HttpResponse<String>> same;
                try (Connection lock = db.getConnection(); Statement statement = lock.createStatement()) {
                    // The call graph is the last thing a diagnosis reads: the first one waits there, inside its slot.
                    lock.setAutoCommit(false);
                    statement.execute("LOCK TABLE rootscope.topo_edge_time IN ACCESS EXCLUSIVE MODE");
                    first = client.sendAsync(rca(base, data, data.start), HttpResponse.BodyHandlers.ofString());
                    awaitWaitingOnALock(database.name());

                    // The same inputs again: waits for the running diagnosis rather than for a slot.
                    same = client.sendAsync(rca(base, data, data.start), HttpResponse.BodyHandlers.ofString());
                    HttpResponse<String> refused = client.send(rca(base, data, data.start.plusSeconds(30)), HttpResponse.BodyHandlers.ofString());
                    assertEquals(429, refused.statusCode(), refused.body());
                    assertEquals("2", refused.headers().firstValue("Retry-After").orElse("none"));
                    assertTrue(refused.body().contains("backend busy"), refused.body());
                    assertTrue(refused.body().contains("ROOTSCOPE_RCA_MAX_CONCURRENT"), refused.body());
                    lock.rollback();
                }
                assertEquals(200, first.get().statusCode(), first.get().body());
                assertEquals(200, same.get().statusCode(), same.get().body());
                JsonNode firstRanking = Json.MAPPER.readTree(first.get().body()).get(0);
                JsonNode sameRanking = Json.MAPPER.readTree(same.get().body()).get(0);
                assertEquals(firstRanking.at("/meta/custom/diagnosis"), sameRanking.at("/meta/custom/diagnosis"));
                assertTrue(sameRanking.at("/meta/custom/reused").asBoolean(), "computed once");
            } finally {
                backend.close();
            }
            assertEquals(before, Rows.single(db, runs), "no run stored by either");
        }
    }

    @Test
    void aPoolWaitRunningOutWhileTheDatabaseAnswersIsBusyNotUnavailable() throws Exception {
        TestDatabase database = TestDatabase.shared();
        DatabaseSettings settings = database.readerSettings();
        try (HikariDataSource reader = DataSourceFactory.create(new DatabaseSettings(settings.jdbcUrl(), settings.user(), settings.password(), 1),
                "one-connection")) {
            Backend backend = Backend.serve(database.backendConfig(Map.of()), database.dataSource(), reader);
            try (Connection taken = reader.getConnection()) {
                HttpResponse<String> busy = client.send(HttpRequest.newBuilder(URI.create(backend.url() + "/")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(503, busy.statusCode(), busy.body());
                assertEquals("2", busy.headers().firstValue("Retry-After").orElse("none"));
                assertTrue(busy.body().contains("backend busy"), busy.body());
                assertFalse(busy.body().contains("unavailable"), busy.body());
            } finally {
                backend.close();
            }
        }
    }

    private static HttpRequest rca(String base, SlowPaymentMetrics data, Instant from) {
        String body = TestBackend.queryBody(from, from.plus(Duration.ofMinutes(30)), "rca",
                "{\"frontend\":\"" + FRONT_END + "\",\"anomaly_start\":\"" + data.anomalyStart + "\"}");
        return HttpRequest.newBuilder(URI.create(base + "/query")).header("X-Rootscope-Tenant", data.tenant)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    /** Watched as the superuser: other roles see neither the query nor the wait of the reader's sessions. */
    private static void awaitWaitingOnALock(String databaseName) throws Exception {
        Instant deadline = Instant.now().plusSeconds(20);
        try (Connection admin = TestDatabase.admin(databaseName); Statement statement = admin.createStatement()) {
            while (true) {
                try (ResultSet waiting = statement.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                        + "AND query LIKE '%topo_edge_time%' AND datname = current_database()")) {
                    waiting.next();
                    if (waiting.getLong(1) > 0) {
                        return;
                    }
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError("the first diagnosis never reached the call graph");
                }
                Thread.sleep(20);
            }
        }
    }
}
