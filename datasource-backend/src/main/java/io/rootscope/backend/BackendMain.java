package io.rootscope.backend;

import io.rootscope.backend.config.BackendConfig;
import org.flywaydb.core.api.FlywayException;

/**
 * {@code ./rootscope serve}: the backend process ({@link Backend#start}), configured by {@link BackendConfig#load},
 * stopped in order on SIGTERM/Ctrl-C.
 */
public final class BackendMain {

    private BackendMain() {
    }

    public static void main(String[] args) {
        BackendConfig config = BackendConfig.forCommand("serve");
        Backend backend;
        try {
            backend = Backend.start(config);
        } catch (FlywayException e) {
            System.err.println("rootscope serve: migration failed: " + e.getMessage());
            System.exit(1);
            return;
        } catch (RuntimeException e) {
            System.err.println("rootscope serve: cannot start: " + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()));
            System.exit(1);
            return;
        }
        System.out.println("rootscope serve: listening on " + backend.url().replace("127.0.0.1", config.host()));
        backend.otlpGrpcPort().ifPresent(port -> System.out.println("rootscope serve: OTLP/gRPC on " + config.host() + ":" + port));
        Runtime.getRuntime().addShutdownHook(new Thread(backend::close, "shutdown"));
    }
}
