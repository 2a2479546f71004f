package io.rootscope.backend.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.zaxxer.hikari.HikariDataSource;
import io.javalin.Javalin;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.rootscope.backend.Backend;
import io.rootscope.backend.db.DataSourceFactory;
import io.rootscope.backend.db.DatabaseSettings;
import io.rootscope.backend.testing.TcpProxy;
import io.rootscope.backend.testing.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** With the database unreachable the backend answers 503 (no stack trace), and recovers by itself when it returns. */
class DatabaseOutageTest {

    @Test
    void answers503DuringAnOutageAndRecoversAfterwards() throws Exception {
        TestDatabase database = TestDatabase.shared();
        URI server = URI.create(database.readerSettings().jdbcUrl().substring("jdbc:".length()));
        try (TcpProxy proxy = new TcpProxy(server.getPort())) {
            String viaProxy = database.readerSettings().jdbcUrl().replace(":" + server.getPort() + "/", ":" + proxy.port() + "/");
            DatabaseSettings reader = database.readerSettings();
            try (HikariDataSource pool = DataSourceFactory.create(new DatabaseSettings(viaProxy, reader.user(), reader.password(), 2), "outage")) {
                Javalin app = new Backend(database.dataSource(), pool, QueryLimits.defaults(), Optional.empty(), new PrometheusRegistry()).app();
                app.start("127.0.0.1", 0);
                try {
                    String base = "http://127.0.0.1:" + app.port();
                    assertEquals(200, get(base + "/").statusCode());

                    proxy.cut();
                    HttpResponse<String> down = get(base + "/");
                    assertEquals(503, down.statusCode(), down.body());
                    assertFalse(down.body().contains("Exception"), down.body());
                    assertEquals(503, post(base + "/tag-values", "{\"key\":\"type\"}").statusCode());

                    proxy.start();
                    assertEquals(200, get(base + "/").statusCode());
                    assertEquals(200, post(base + "/tag-values", "{\"key\":\"type\"}").statusCode());
                } finally {
                    app.stop();
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
