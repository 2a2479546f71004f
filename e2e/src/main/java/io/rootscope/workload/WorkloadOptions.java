package io.rootscope.workload;

import io.rootscope.workload.fault.FaultSpec;
import io.rootscope.workload.fault.FaultType;
import io.rootscope.workload.otlp.TraceGenerator;
import io.rootscope.workload.sim.LoadModel;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Command-line configuration of the simulator. Every option has a default except the optional ones.
 *
 * @param faults faults to schedule at start-up
 */
public record WorkloadOptions(
        int port,
        Duration tick,
        long seed,
        double baseRate,
        int tracesPerTick,
        Optional<URI> otlpEndpoint,
        Optional<Path> groundTruthFile,
        List<FaultSpec> faults) {

    public static final int PORT_DEFAULT = 9464;
    public static final Duration TICK_DEFAULT = Duration.ofSeconds(1);
    public static final long SEED_DEFAULT = 1;

    public static final String USAGE = """
            usage: WorkloadMain [options]
              --port N                 HTTP port for /metrics, /faults, /topology, /status (default 9464, 0 = any)
              --tick-ms N              simulation step in milliseconds (default 1000)
              --seed N                 random seed (default 1)
              --base-rate R            mean external requests per second at the front-end (default 25)
              --traces-per-tick N      traces sampled per tick for OTLP (default 2)
              --otlp-endpoint URL      OTLP/HTTP receiver base URL; traces go to URL/v1/traces, logs to URL/v1/logs
              --ground-truth FILE      append every fault state change to FILE as JSON lines
              --fault SPEC             schedule a fault, repeatable; SPEC is
                                       type:target:durationSeconds:intensity[:startDelaySeconds]
                                       e.g. CPU_STRESS:carts:120:0.8:300
            fault types and intensities:
            """ + faultTypes();

    public WorkloadOptions {
        faults = List.copyOf(faults);
    }

    /** Parses command-line arguments; throws {@link IllegalArgumentException} naming the bad option. */
    public static WorkloadOptions parse(String... args) {
        int port = PORT_DEFAULT;
        Duration tick = TICK_DEFAULT;
        long seed = SEED_DEFAULT;
        double baseRate = LoadModel.BASE_RATE_DEFAULT;
        int tracesPerTick = TraceGenerator.TRACES_PER_TICK_DEFAULT;
        Optional<URI> otlp = Optional.empty();
        Optional<Path> groundTruth = Optional.empty();
        List<FaultSpec> faults = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (!option.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + option);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            String value = args[++i];
            switch (option) {
                case "--port" -> port = (int) integer(option, value, 0, 65535);
                case "--tick-ms" -> tick = Duration.ofMillis(integer(option, value, 10, 60_000));
                case "--seed" -> seed = integer(option, value, Long.MIN_VALUE, Long.MAX_VALUE);
                case "--base-rate" -> baseRate = decimal(option, value, 0.01, 10_000);
                case "--traces-per-tick" -> tracesPerTick = (int) integer(option, value, 0, 1000);
                case "--otlp-endpoint" -> otlp = Optional.of(endpoint(value));
                case "--ground-truth" -> groundTruth = Optional.of(Path.of(value));
                case "--fault" -> faults.add(fault(value));
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        return new WorkloadOptions(port, tick, seed, baseRate, tracesPerTick, otlp, groundTruth, faults);
    }

    /** Parses {@code type:target:durationSeconds:intensity[:startDelaySeconds]}. */
    static FaultSpec fault(String spec) {
        String[] parts = spec.split(":", -1);
        if (parts.length != 4 && parts.length != 5) {
            throw new IllegalArgumentException(
                    "--fault must be type:target:durationSeconds:intensity[:startDelaySeconds], got " + spec);
        }
        double duration = decimal("--fault durationSeconds", parts[2], 0.001, FaultSpec.MAX_DURATION.toSeconds());
        double intensity = decimal("--fault intensity", parts[3], Double.MIN_VALUE, Double.MAX_VALUE);
        double delay = parts.length == 5 ? decimal("--fault startDelaySeconds", parts[4], 0, 7 * 86_400) : 0;
        return new FaultSpec(FaultType.parse(parts[0]), parts[1], Duration.ofMillis(Math.round(delay * 1000)),
                Duration.ofMillis(Math.round(duration * 1000)), intensity);
    }

    private static long integer(String option, String value, long min, long max) {
        try {
            long parsed = Long.parseLong(value.trim());
            if (parsed < min || parsed > max) {
                throw new IllegalArgumentException(option + " must be in [" + min + ", " + max + "], got " + value);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be an integer, got " + value);
        }
    }

    private static double decimal(String option, String value, double min, double max) {
        try {
            double parsed = Double.parseDouble(value.trim());
            if (!(parsed >= min && parsed <= max)) {
                throw new IllegalArgumentException(option + " must be in [" + min + ", " + max + "], got " + value);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a number, got " + value);
        }
    }

    private static URI endpoint(String value) {
        try {
            URI uri = new URI(value);
            if (uri.getScheme() == null || !uri.getScheme().matches("https?") || uri.getHost() == null) {
                throw new IllegalArgumentException("--otlp-endpoint must be an http(s) URL, got " + value);
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("--otlp-endpoint is not a URL: " + value);
        }
    }

    private static String faultTypes() {
        StringBuilder out = new StringBuilder();
        for (FaultType type : FaultType.values()) {
            out.append(String.format("  %-14s (0, %s]: %s%n", type, type.maxIntensity(), type.intensityMeaning()));
        }
        return out.toString();
    }
}
