package io.rootscope.backend.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import io.rootscope.backend.Backend;
import io.rootscope.backend.db.DataSourceFactory;
import io.rootscope.backend.db.DatabaseSettings;
import io.rootscope.backend.testing.TcpProxy;
import io.rootscope.backend.testing.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * With the database unreachable the backend answers 503 "database unavailable" with Retry-After (no stack trace), and
 * recovers by itself when it returns.
 */
class DatabaseOutageTest {

    @Test
    void answers503DuringAnOutageAndRecoversAfterwards() throws Exception {
        TestDatabase database = TestDatabase.shared();
        URI server = URI.create(database.readerSettings().jdbcUrl().substring("jdbc:".length()));
        try (TcpProxy proxy = new TcpProxy(server.getPort())) {
            String viaProxy = database.readerSettings().jdbcUrl().replace(":" + server.getPort() + "/", ":" + proxy.port() + "/");
            DatabaseSettings reader = database.readerSettings();
            try (HikariDataSource pool = DataSourceFactory.create(new DatabaseSettings(viaProxy, reader.user(), reader.password(), 2), "outage")) {
                Backend backend = Backend.serve(database.backendConfig(Map.of()), database.dataSource(), pool);
                try {
                    String base = backend.url();
                    assertEquals(200, get(base + "/").statusCode());

                    proxy.cut();
                    HttpResponse<String> down = get(base + "/");
                    assertEquals(503, down.statusCode(), down.body());
                    assertFalse(down.body().contains("Exception"), down.body());
                    assertTrue(down.body().contains("database unavailable"), down.body());
                    assertEquals("5", down.headers().firstValue("Retry-After").orElse("none"));
                    HttpResponse<String> stillDown = post(base + "/tag-values", "{\"key\":\"type\"}");
                    assertEquals(503, stillDown.statusCode());
                    assertTrue(stillDown.body().contains("database unavailable"), "a pool wait while the database refuses connections: "
                            + stillDown.body());
                    assertEquals("5", stillDown.headers().firstValue("Retry-After").orElse("none"));

                    proxy.start();
                    assertEquals(200, get(base + "/").statusCode());
                    assertEquals(200, post(base + "/tag-values", "{\"key\":\"type\"}").statusCode());
                } finally {
                    backend.close();
                }
            }
        }
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String url, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
