package io.rootscope.workload;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rootscope.workload.fault.FaultListener;
import io.rootscope.workload.fault.FaultRegistry;
import io.rootscope.workload.fault.FaultSpec;
import io.rootscope.workload.fault.GroundTruthFile;
import io.rootscope.workload.http.WorkloadServer;
import io.rootscope.workload.otlp.LogGenerator;
import io.rootscope.workload.otlp.OtlpExporter;
import io.rootscope.workload.otlp.OtlpJson;
import io.rootscope.workload.otlp.TelemetryPublisher;
import io.rootscope.workload.otlp.TraceGenerator;
import io.rootscope.workload.sim.LoadModel;
import io.rootscope.workload.sim.Simulation;
import io.rootscope.workload.sim.Tick;
import io.rootscope.workload.topology.SockShopTopology;
import io.rootscope.workload.topology.Topology;
import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The running simulator: steps the simulation every tick on the given clock, serves HTTP and, if configured,
 * exports traces and logs. A failing tick or export is counted and logged, never fatal.
 */
public final class WorkloadApp implements AutoCloseable {

    /** Telemetry sampling draws from its own stream so that enabling OTLP leaves the metrics unchanged. */
    static final long TELEMETRY_SEED_SALT = 0x5EED_07E1L;

    private final ObjectMapper mapper = new ObjectMapper();
    private final Simulation simulation;
    private final WorkloadServer server;
    private final Optional<TelemetryPublisher> telemetry;
    private final Optional<GroundTruthFile> groundTruth;
    private final ScheduledExecutorService scheduler;
    private final InstantSource clock;
    private final AtomicLong ticks = new AtomicLong();
    private final AtomicLong failedTicks = new AtomicLong();

    private WorkloadApp(WorkloadOptions options, InstantSource clock) throws IOException {
        Topology topology = SockShopTopology.create();
        this.clock = clock;
        this.groundTruth = options.groundTruthFile().isPresent()
                ? Optional.of(new GroundTruthFile(mapper, options.groundTruthFile().get()))
                : Optional.empty();
        FaultListener listener = groundTruth.<FaultListener>map(file -> file).orElse(fault -> { });
        FaultRegistry faults = new FaultRegistry(topology, listener);
        Random random = new Random(options.seed());
        LoadModel load = new LoadModel(random, options.baseRate(), LoadModel.DRIFT_PERIOD_DEFAULT,
                LoadModel.DRIFT_AMPLITUDE_DEFAULT);
        this.simulation = new Simulation(topology, faults, load, random, options.tick());
        for (FaultSpec spec : options.faults()) {
            faults.schedule(spec, clock.instant());
        }
        this.telemetry = options.otlpEndpoint().map(endpoint -> {
            Random telemetryRandom = new Random(options.seed() ^ TELEMETRY_SEED_SALT);
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            return new TelemetryPublisher(new TraceGenerator(topology, telemetryRandom, options.tracesPerTick()),
                    new LogGenerator(topology, telemetryRandom), new OtlpJson(mapper, topology), mapper,
                    new OtlpExporter(endpoint, client));
        });
        this.server = new WorkloadServer(options.port(), simulation, clock, mapper, this::status);
        this.scheduler = Executors.newScheduledThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "workload-tick");
            thread.setDaemon(true);
            return thread;
        });
        long tickMillis = options.tick().toMillis();
        scheduler.scheduleAtFixedRate(this::tick, 0, tickMillis, TimeUnit.MILLISECONDS);
        telemetry.ifPresent(t -> scheduler.scheduleWithFixedDelay(t.exporter()::sendPending, tickMillis,
                tickMillis, TimeUnit.MILLISECONDS));
    }

    public static WorkloadApp start(WorkloadOptions options, InstantSource clock) throws IOException {
        return new WorkloadApp(options, clock);
    }

    public int port() {
        return server.port();
    }

    private void tick() {
        try {
            Tick tick = simulation.step(clock.instant());
            ticks.incrementAndGet();
            telemetry.ifPresent(t -> t.publish(tick));
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again, so one bad tick must not end the simulation.
            failedTicks.incrementAndGet();
            System.err.println("workload: tick failed: " + e);
        }
    }

    private ObjectNode status() {
        ObjectNode status = mapper.createObjectNode();
        status.put("ticks", ticks.get());
        status.put("failedTicks", failedTicks.get());
        telemetry.ifPresent(t -> {
            ObjectNode otlp = status.putObject("otlp");
            otlp.put("sent", t.exporter().sent());
            otlp.put("failedAttempts", t.exporter().failedAttempts());
            otlp.put("dropped", t.exporter().dropped());
            otlp.put("queued", t.exporter().queued());
        });
        return status;
    }

    @Override
    public void close() throws IOException {
        scheduler.shutdownNow();
        server.close();
        if (groundTruth.isPresent()) {
            groundTruth.get().close();
        }
    }
}
