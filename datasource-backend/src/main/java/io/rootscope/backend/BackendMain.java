package io.rootscope.backend;

import org.flywaydb.core.api.FlywayException;

/**
 * {@code ./rootscope serve}: the backend process (see {@link BackendRuntime}), configured from the environment,
 * stopped in order on SIGTERM/Ctrl-C.
 */
public final class BackendMain {

    private BackendMain() {
    }

    public static void main(String[] args) {
        RuntimeSettings settings;
        try {
            settings = RuntimeSettings.fromEnvironment(System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("rootscope serve: " + e.getMessage());
            System.exit(2);
            return;
        }
        BackendRuntime runtime;
        try {
            runtime = BackendRuntime.start(settings);
        } catch (FlywayException e) {
            System.err.println("rootscope serve: migration failed: " + e.getMessage());
            System.exit(1);
            return;
        } catch (RuntimeException e) {
            System.err.println("rootscope serve: cannot start: " + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()));
            System.exit(1);
            return;
        }
        System.out.println("rootscope serve: listening on " + runtime.url().replace("127.0.0.1", settings.config().host()));
        Runtime.getRuntime().addShutdownHook(new Thread(runtime::close, "shutdown"));
    }
}
