package io.rootscope.demo;

import io.rootscope.backend.Backend;
import io.rootscope.backend.config.BackendConfig;
import java.io.IOException;
import java.net.URI;

/** How a demo stack starts its backend once its Prometheus runs: in this JVM, or from the release ({@link ReleaseBackend}). */
@FunctionalInterface
public interface BackendStarter {

    StackBackend start(StackSettings settings, String tenant, URI prometheusUrl) throws IOException, InterruptedException;

    /**
     * The backend in this JVM, on {@code config} at the stack's time scale: for the whole-stack test, whose configuration
     * (a database behind its outage proxy) is an object, not an environment a process could inherit.
     */
    static BackendStarter inProcess(BackendConfig config) {
        return (settings, tenant, prometheusUrl) -> {
            Backend backend = Backend.start(settings.backendConfig(config, tenant, prometheusUrl));
            return new StackBackend() {
                @Override
                public String url() {
                    return backend.url();
                }

                @Override
                public void close() {
                    backend.close();
                }
            };
        };
    }
}
