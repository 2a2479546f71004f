package io.rootscope.demo;

import io.rootscope.backend.Backend;
import io.rootscope.backend.config.BackendConfig;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;

/**
 * The demo's backend process ({@link ReleaseBackend}), run on the release's class path: the settings of the environment
 * (as {@code ./rootscope serve} reads them) at the demo's time scale. Arguments: tenant, Prometheus URL, warm-up
 * seconds. Prints {@link #LISTENING} and its URL once it listens; stops on SIGTERM, or when its standard input ends,
 * that is when the demo that started it is gone.
 */
public final class DemoBackendMain {

    static final String LISTENING = "demo backend: listening on ";

    private DemoBackendMain() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: DemoBackendMain TENANT PROMETHEUS_URL WARMUP_SECONDS");
            System.exit(2);
        }
        BackendConfig config = BackendConfig.forCommand("demo");
        StackSettings settings = StackSettings.demo(Duration.ofSeconds(Long.parseLong(args[2])));
        Backend backend;
        try {
            backend = Backend.start(settings.backendConfig(config, args[0], URI.create(args[1])));
        } catch (RuntimeException e) {
            System.err.println("rootscope demo: the backend cannot start: " + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()));
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(backend::close, "shutdown"));
        System.out.println(LISTENING + backend.url());
        System.out.flush();
        while (System.in.read() >= 0) {
            // nothing is sent: the end of the input is the signal
        }
        System.exit(0);
    }
}
