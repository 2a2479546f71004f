package io.rootscope.demo;

import io.rootscope.backend.config.BackendConfig;
import io.rootscope.workload.WorkloadApp;
import io.rootscope.workload.WorkloadOptions;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;

/**
 * Everything the demo runs, on a database that is already up: a real Prometheus scraping the Sock Shop
 * simulator, the backend with its ETL reading that Prometheus and receiving the simulator's traces and logs
 * (started by a {@link BackendStarter}: from the release for the demo, in this JVM for the whole-stack test),
 * and the simulator. The simulator's port is chosen first so Prometheus can be configured before it runs and
 * the backend's URL is known when the simulator starts exporting. {@link #close()} stops them in reverse order,
 * also on Ctrl-C once {@link #closeOnShutdown()} was called.
 */
public final class DemoStack implements AutoCloseable {

    public static final String TENANT_DEFAULT = "default";
    /** How long after its window is stored an incident's diagnosis of it may take to be stored (its diagnosis' time, a busy machine). */
    static final Duration STORED_WITHIN = Duration.ofSeconds(30);

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final StackSettings settings;
    private final String tenant;
    private PrometheusProcess prometheus;
    private StackBackend backend;
    private WorkloadApp workload;
    private Instant startedAt;
    private Thread shutdownHook;

    private DemoStack(StackSettings settings, String tenant) {
        this.settings = settings;
        this.tenant = tenant;
    }

    /** A stack whose backend runs in this JVM on {@code config} (the whole-stack test). */
    public static DemoStack start(BackendConfig config, StackSettings settings, String tenant, Consumer<String> progress)
            throws IOException, InterruptedException {
        return start(BackendStarter.inProcess(config), settings, tenant, progress);
    }

    public static DemoStack start(BackendStarter backendStarter, StackSettings settings, String tenant, Consumer<String> progress)
            throws IOException, InterruptedException {
        DemoStack stack = new DemoStack(settings, tenant);
        try {
            stack.startAll(backendStarter, progress);
        } catch (IOException | InterruptedException | RuntimeException e) {
            stack.close();
            throw e;
        }
        return stack;
    }

    private void startAll(BackendStarter backendStarter, Consumer<String> progress) throws IOException, InterruptedException {
        int workloadPort = FreePort.find();
        progress.accept("starting Prometheus (scraping every " + settings.scrapeInterval().toMillis() + " ms)");
        prometheus = PrometheusProcess.start("127.0.0.1:" + workloadPort, settings.scrapeInterval());
        started.push(prometheus);
        progress.accept("starting the backend and its ETL (" + settings.etlWindow().toSeconds() + " s windows)");
        backend = backendStarter.start(settings, tenant, prometheus.url());
        started.push(backend);
        progress.accept("starting the Sock Shop workload");
        workload = WorkloadApp.start(WorkloadOptions.parse("--port", Integer.toString(workloadPort),
                "--seed", Long.toString(settings.workloadSeed()), "--otlp-endpoint", backend.url()), InstantSource.system());
        started.push(workload);
        startedAt = Instant.now();
    }

    /** Waits until the detection baseline has filled, reporting every {@code every}. */
    public void awaitWarmup(Duration every, Consumer<String> progress) throws InterruptedException {
        Instant ready = startedAt.plus(settings.warmup());
        // In whole milliseconds: a remainder under one would sleep 0 ms and report again and again.
        for (long left = Duration.between(Instant.now(), ready).toMillis(); left > 0; left = Duration.between(Instant.now(), ready).toMillis()) {
            progress.accept("baseline " + (settings.warmup().toMillis() - left) / 1000 + "/" + settings.warmup().toSeconds() + " s");
            Thread.sleep(Math.min(every.toMillis(), left));
        }
    }

    /**
     * The diagnosis of an incident once the ETL has ingested its whole anomaly span, as the backend stores it then: the
     * one it stored when the incident opened saw only the anomaly's first seconds.
     */
    public Diagnosis diagnose(Incident incident) throws IOException, InterruptedException {
        Instant complete = incident.startedAt().plus(settings.rcaAnomalySpan()).plus(settings.etlWindow())
                .plus(settings.etlDelay()).plus(settings.tickPeriod());
        long wait = Duration.between(Instant.now(), complete).toMillis();
        if (wait > 0) {
            Thread.sleep(wait);
        }
        return Diagnosis.of(backend(), incident, settings.rcaNormalLookback(), STORED_WITHIN);
    }

    /** Makes Ctrl-C (or any JVM exit) stop what this stack started. */
    public synchronized void closeOnShutdown() {
        shutdownHook = new Thread(this::closeQuietly, "demo-stack-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    public BackendClient backend() {
        return new BackendClient(backend.url(), tenant);
    }

    public WorkloadClient workload() {
        return new WorkloadClient(workloadUrl());
    }

    public String backendUrl() {
        return backend.url();
    }

    public URI prometheusUrl() {
        return prometheus.url();
    }

    public URI workloadUrl() {
        return URI.create("http://127.0.0.1:" + workload.port());
    }

    public StackSettings settings() {
        return settings;
    }

    @Override
    public synchronized void close() {
        closeQuietly();
        if (shutdownHook != null && !Thread.currentThread().equals(shutdownHook)) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or has run; nothing left to undo
            }
            shutdownHook = null;
        }
    }

    private synchronized void closeQuietly() {
        while (!started.isEmpty()) {
            AutoCloseable component = started.pop();
            try {
                component.close();
            } catch (Exception e) {
                System.err.println("demo: stopping " + component.getClass().getSimpleName() + " failed: " + e);
            }
        }
    }
}
