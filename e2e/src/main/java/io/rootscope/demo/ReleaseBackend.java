package io.rootscope.demo;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The demo's backend as a process of its own, run from the release ({@code ./rootscope package}): the backend and its
 * runtime libraries come from the release's jar and {@code lib/} only; the one class added to its class path is
 * {@link DemoBackendMain}, which puts the backend on the demo's compressed time scale (detection rules in seconds, which
 * no {@code ROOTSCOPE_*} setting expresses). It inherits this process' environment, so the same settings (a replica's own,
 * such as its id, added on top), and stops when {@link #close()} is called or when this process ends (its standard input
 * closes).
 */
public final class ReleaseBackend implements StackBackend {

    public static final String PROPERTY = "rootscope.release";
    static final Duration START_LIMIT = Duration.ofMinutes(3);
    static final Duration STOP_LIMIT = Duration.ofSeconds(30);

    private final Process process;
    private final String url;

    private ReleaseBackend(Process process, String url) {
        this.process = process;
        this.url = url;
    }

    /** Starts the backend from the unpacked release in {@code release}, for stacks on the demo's settings only. */
    public static BackendStarter starter(Path release) {
        return (settings, tenant, prometheusUrl) -> start(release, Map.of(), settings, tenant, prometheusUrl);
    }

    /** One replica of several: this process' environment with {@code environment} (ROOTSCOPE_* settings) on top. */
    public static ReleaseBackend start(Path release, Map<String, String> environment, StackSettings settings, String tenant,
                                       URI prometheusUrl) throws IOException, InterruptedException {
        if (!settings.equals(StackSettings.demo(settings.warmup()))) {
            throw new IllegalArgumentException("a backend from the release runs the demo's settings only, not " + settings);
        }
        Path jar = release.resolve("rootscope-backend.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build the release with ./rootscope package");
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        // The heap bound this JVM was given (the launcher's ROOTSCOPE_HEAP), for the backend too.
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream().filter(arg -> arg.startsWith("-Xmx")).forEach(command::add);
        command.addAll(List.of("-cp", demoClasses() + File.pathSeparator + jar, DemoBackendMain.class.getName(),
                tenant, prometheusUrl.toString(), Long.toString(settings.warmup().toSeconds())));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().putAll(environment);
        Process process = builder.start();
        try {
            return new ReleaseBackend(process, awaitUrl(process));
        } catch (IOException | InterruptedException | RuntimeException e) {
            stop(process);
            throw e;
        }
    }

    /** Where this class was loaded from: the e2e module's classes, which hold {@link DemoBackendMain}. */
    private static Path demoClasses() {
        try {
            return Path.of(ReleaseBackend.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the demo's classes: " + e.getMessage(), e);
        }
    }

    /** The URL the process prints once it listens; later lines of its output are passed on to this one's. */
    private static String awaitUrl(Process process) throws IOException, InterruptedException {
        CompletableFuture<String> listening = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (line.startsWith(DemoBackendMain.LISTENING)) {
                        listening.complete(line.substring(DemoBackendMain.LISTENING.length()).trim());
                    } else {
                        System.out.println(line);
                    }
                }
            } catch (IOException closed) {
                // the process ended
            }
            listening.completeExceptionally(new IllegalStateException("the backend ended before it listened"));
        }, "demo-backend-output");
        reader.setDaemon(true);
        reader.start();
        try {
            return listening.get(START_LIMIT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage() + exitStatus(process), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the backend did not listen within " + START_LIMIT, e);
        }
    }

    private static String exitStatus(Process process) throws InterruptedException {
        return process.waitFor(5, TimeUnit.SECONDS) ? " (exit status " + process.exitValue() + ")" : "";
    }

    @Override
    public String url() {
        return url;
    }

    public long pid() {
        return process.pid();
    }

    /** SIGKILL: the process ends at once, whatever it was doing (a crash, as far as the database can tell). */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        stop(process);
    }

    /** SIGTERM, so the backend stops in order, and SIGKILL if it has not within {@link #STOP_LIMIT}. */
    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(STOP_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
