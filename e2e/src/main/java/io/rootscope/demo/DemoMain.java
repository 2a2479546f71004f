package io.rootscope.demo;

import io.rootscope.analytics.topology.Urn;
import io.rootscope.backend.config.BackendConfig;
import io.rootscope.workload.topology.SockShopTopology;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code ./rootscope demo}: runs the stack on the configured database (the script starts the local
 * one), its backend from the release the script names ({@link ReleaseBackend}), lets the baseline fill, injects one fault into the simulator, waits for the incident it causes and
 * prints the incident, its ranked root causes, the size of its evidence chain and where to look further.
 * Exit codes: 0 diagnosed, 1 no incident in time or a failure, 2 bad options.
 */
public final class DemoMain {

    static final Duration INCIDENT_TIMEOUT = Duration.ofMinutes(3);
    static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);
    static final int TOP = 5;

    private DemoMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        DemoOptions options;
        try {
            options = DemoOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("rootscope demo: " + e.getMessage());
            System.err.print(DemoOptions.USAGE);
            System.exit(2);
            return;
        }
        // Read here too, though the backend's process reads it again: a bad setting ends the demo before anything starts.
        BackendConfig.forCommand("demo");
        String release = System.getProperty(ReleaseBackend.PROPERTY);
        if (release == null || release.isBlank()) {
            System.err.println("rootscope demo: no release to run the backend from (-D" + ReleaseBackend.PROPERTY
                    + "=FOLDER); ./rootscope demo builds it and names it");
            System.exit(2);
            return;
        }
        int status;
        DemoStack stack = null;
        try {
            stack = DemoStack.start(ReleaseBackend.starter(Path.of(release)), StackSettings.demo(options.warmup()),
                    DemoStack.TENANT_DEFAULT, DemoMain::progress);
            stack.closeOnShutdown();
            status = run(stack, options, System.out);
            if (options.keepRunning()) {
                System.out.println("everything keeps running; Ctrl-C stops it");
                Thread.currentThread().join();
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("rootscope demo: " + e.getMessage());
            status = 1;
        } finally {
            if (stack != null && !options.keepRunning()) {
                stack.close();
            }
        }
        System.exit(status);
    }

    private static int run(DemoStack stack, DemoOptions options, PrintStream out) throws IOException, InterruptedException {
        stack.awaitWarmup(PROGRESS_EVERY, DemoMain::progress);
        BackendClient backend = stack.backend();
        IncidentWatcher watcher = new IncidentWatcher(backend);
        FaultPlan plan = FaultPlan.of(options.fault(), options.target(), FaultPlan.DURATION_DEFAULT);
        WorkloadClient.InjectedFault fault = stack.workload().inject(plan);
        progress("injected " + plan.type() + " on " + plan.target() + " (intensity " + plan.intensity() + ", fault " + fault.id() + ")");
        Optional<Incident> incident = watcher.awaitNew(fault.requestedAt(), INCIDENT_TIMEOUT, PROGRESS_EVERY, DemoMain::progress);
        if (incident.isEmpty()) {
            out.println("no incident within " + INCIDENT_TIMEOUT.toSeconds() + " s of the injection");
            printUrls(stack, Optional.empty(), out);
            return 1;
        }
        progress("incident " + incident.get().eventId() + " on " + incident.get().resource() + "; diagnosing once "
                + stack.settings().rcaAnomalySpan().toSeconds() + " s of the anomaly are in");
        Diagnosis diagnosis = stack.diagnose(incident.get());
        print(diagnosis, fault, SockShopTopology.NAMESPACE, out);
        printUrls(stack, incident, out);
        return 0;
    }

    private static void print(Diagnosis diagnosis, WorkloadClient.InjectedFault fault, String namespace, PrintStream out) {
        Incident incident = diagnosis.incident();
        out.println();
        out.printf("incident %s opened %s, %d s after the injection%n", incident.eventId(), incident.startedAt(),
                Duration.between(fault.requestedAt(), incident.startedAt()).toSeconds());
        out.println("  " + incident.title());
        out.println("root causes (" + diagnosis.method() + "):");
        String injected = Urn.k8sService(namespace, fault.target()).format();
        diagnosis.ranking().stream().limit(TOP).forEach(cause -> out.printf("  %d. %-40s %.3f%s%n", cause.rank(), cause.resource(),
                cause.score(), cause.resource().equals(injected) ? "   <- injected " + fault.type() : ""));
        int rank = diagnosis.rankOf(injected);
        out.println(rank == 0 ? "the injected service is not ranked" : "the injected service is ranked " + rank);
        out.printf("evidence chain: %d items%n", diagnosis.evidence().length());
        Frame runbooks = diagnosis.runbooks();
        if (runbooks.length() > 0) {
            out.println("runbooks (for the top root causes):");
            for (int row = 0; row < Math.min(TOP, runbooks.length()); row++) {
                out.printf("  %-60s %s  (cause %s)%n", runbooks.text("runbook", row), runbooks.text("section", row), runbooks.text("cause", row));
            }
        }
    }

    private static void printUrls(DemoStack stack, Optional<Incident> incident, PrintStream out) {
        out.println("look at:");
        out.println("  backend     " + stack.backendUrl() + " (Grafana JSON data source; /metrics, /health)");
        out.println("  prometheus  " + stack.prometheusUrl());
        out.println("  workload    " + stack.workloadUrl() + "/faults (ground truth), /topology, /metrics");
        incident.ifPresent(i -> out.println("  grafana     /d/rootscope-rca?var-incident=" + i.eventId()
                + " (with docker compose: http://localhost:3000/d/rootscope-rca?var-incident=" + i.eventId() + ")"));
    }

    private static void progress(String message) {
        System.out.println("demo: " + message);
    }
}
