package io.rootscope.demo;

import io.rootscope.workload.fault.FaultType;
import io.rootscope.workload.fault.InvalidFaultException;
import io.rootscope.workload.topology.SockShopTopology;
import io.rootscope.workload.topology.Service;
import java.time.Duration;
import java.util.List;

/** The options of {@code ./rootscope demo}; {@link #parse} throws {@link IllegalArgumentException} naming the bad one. */
public record DemoOptions(FaultType fault, String target, Duration warmup, boolean keepRunning) {

    public static final FaultType FAULT_DEFAULT = FaultType.CPU_STRESS;
    public static final String TARGET_DEFAULT = "carts";

    public static final String USAGE = """
            usage: ./rootscope demo [--fault TYPE] [--target SERVICE] [--warmup SECONDS] [--keep-running]
              --fault TYPE        %s (default %s)
              --target SERVICE    one of %s (default %s)
              --warmup SECONDS    how long the detection baseline fills before the fault (default %d, at least 60)
              --keep-running      leave everything up after the diagnosis, until Ctrl-C
            """.formatted(List.of(FaultType.values()), FAULT_DEFAULT, services(), TARGET_DEFAULT,
            StackSettings.FAST.warmup().toSeconds());

    public static DemoOptions parse(String... args) {
        FaultType fault = FAULT_DEFAULT;
        String target = TARGET_DEFAULT;
        Duration warmup = StackSettings.FAST.warmup();
        boolean keepRunning = false;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--keep-running")) {
                keepRunning = true;
                continue;
            }
            if (!List.of("--fault", "--target", "--warmup").contains(option)) {
                throw new IllegalArgumentException("unknown option " + option);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            String value = args[++i];
            switch (option) {
                case "--fault" -> fault = faultType(value);
                case "--target" -> target = service(value);
                default -> warmup = warmup(value);
            }
        }
        return new DemoOptions(fault, target, warmup, keepRunning);
    }

    private static FaultType faultType(String value) {
        try {
            return FaultType.parse(value);
        } catch (InvalidFaultException e) {
            throw new IllegalArgumentException("--fault: " + e.getMessage());
        }
    }

    private static String service(String value) {
        if (!services().contains(value)) {
            throw new IllegalArgumentException("--target: unknown service " + value + "; expected one of " + services());
        }
        return value;
    }

    private static Duration warmup(String value) {
        try {
            long seconds = Long.parseLong(value.trim());
            if (seconds < 60 || seconds > 3600) {
                throw new IllegalArgumentException("--warmup must be in [60, 3600] seconds, got " + value);
            }
            return Duration.ofSeconds(seconds);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--warmup must be a whole number of seconds, got " + value);
        }
    }

    private static List<String> services() {
        return SockShopTopology.create().services().stream().map(Service::name).toList();
    }
}
