package io.rootscope.backend;

import com.zaxxer.hikari.HikariDataSource;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.rootscope.backend.config.BackendConfig;
import io.rootscope.backend.db.DataSourceFactory;
import io.rootscope.backend.db.SchemaMigrator;
import io.rootscope.backend.lifecycle.LifecycleScheduler;
import org.flywaydb.core.api.FlywayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ./rootscope serve}: migrates the database, starts the lifecycle scheduler and the HTTP server, and
 * stops them in reverse order on SIGTERM/Ctrl-C (in-flight requests finish first).
 */
public final class BackendMain {

    private static final Logger LOG = LoggerFactory.getLogger(BackendMain.class);

    private BackendMain() {
    }

    public static void main(String[] args) {
        BackendConfig config;
        try {
            config = BackendConfig.load(System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("rootscope serve: " + e.getMessage());
            System.exit(2);
            return;
        }
        HikariDataSource writer;
        HikariDataSource reader;
        try {
            writer = DataSourceFactory.create(config.writer(), "writer");
            new SchemaMigrator(writer).migrate();
            reader = DataSourceFactory.create(config.reader(), "reader");
        } catch (FlywayException e) {
            System.err.println("rootscope serve: migration failed: " + e.getMessage());
            System.exit(1);
            return;
        } catch (RuntimeException e) {
            System.err.println("rootscope serve: cannot connect to the database: "
                    + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()));
            System.exit(1);
            return;
        }
        LifecycleScheduler lifecycle = new LifecycleScheduler(writer);
        Backend backend = new Backend(writer, reader, config.limits(), config.authToken(), PrometheusRegistry.defaultRegistry);
        backend.app().start(config.host(), config.port());
        lifecycle.start();
        System.out.println("rootscope serve: listening on http://" + config.host() + ":" + backend.app().port());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("shutting down");
            backend.app().stop();
            lifecycle.close();
            reader.close();
            writer.close();
        }, "shutdown"));
    }
}
