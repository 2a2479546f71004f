package io.rootscope.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rootscope.workload.fault.FaultSpec;
import io.rootscope.workload.fault.FaultType;
import io.rootscope.workload.fault.InvalidFaultException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WorkloadOptionsTest {

    @Test
    void defaults() {
        WorkloadOptions options = WorkloadOptions.parse();
        assertEquals(WorkloadOptions.PORT_DEFAULT, options.port());
        assertEquals(Duration.ofSeconds(1), options.tick());
        assertEquals(Optional.empty(), options.otlpEndpoint());
        assertEquals(0, options.faults().size());
    }

    @Test
    void parsesEveryOption() {
        WorkloadOptions options = WorkloadOptions.parse("--port", "0", "--tick-ms", "250", "--seed", "42",
                "--base-rate", "40", "--traces-per-tick", "5", "--otlp-endpoint", "http://127.0.0.1:4318",
                "--ground-truth", "/tmp/gt.jsonl", "--fault", "CPU_STRESS:carts:120:0.8:300",
                "--fault", "network-delay:payment:60:200");
        assertEquals(0, options.port());
        assertEquals(Duration.ofMillis(250), options.tick());
        assertEquals(42, options.seed());
        assertEquals(40, options.baseRate());
        assertEquals(5, options.tracesPerTick());
        assertEquals(Optional.of(URI.create("http://127.0.0.1:4318")), options.otlpEndpoint());
        assertEquals(Optional.of(Path.of("/tmp/gt.jsonl")), options.groundTruthFile());
        assertEquals(new FaultSpec(FaultType.CPU_STRESS, "carts", Duration.ofSeconds(300), Duration.ofSeconds(120),
                0.8), options.faults().get(0));
        assertEquals(new FaultSpec(FaultType.NETWORK_DELAY, "payment", Duration.ZERO, Duration.ofSeconds(60), 200),
                options.faults().get(1));
    }

    @Test
    void rejectsUnknownOptions() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> WorkloadOptions.parse("--verbose", "1"))
                .getMessage().contains("--verbose"));
    }

    @Test
    void rejectsMissingValues() {
        assertThrows(IllegalArgumentException.class, () -> WorkloadOptions.parse("--port"));
    }

    @Test
    void rejectsBadNumbers() {
        assertThrows(IllegalArgumentException.class, () -> WorkloadOptions.parse("--port", "70000"));
        assertThrows(IllegalArgumentException.class, () -> WorkloadOptions.parse("--tick-ms", "fast"));
    }

    @Test
    void rejectsBadEndpoints() {
        assertThrows(IllegalArgumentException.class, () -> WorkloadOptions.parse("--otlp-endpoint", "localhost:4318"));
    }

    @Test
    void rejectsMalformedFaults() {
        assertThrows(IllegalArgumentException.class, () -> WorkloadOptions.parse("--fault", "CPU_STRESS:carts:60"));
        assertEquals("intensity", assertThrows(InvalidFaultException.class,
                () -> WorkloadOptions.parse("--fault", "PACKET_LOSS:carts:60:2")).field());
        assertEquals("type", assertThrows(InvalidFaultException.class,
                () -> WorkloadOptions.parse("--fault", "DISK_FILL:carts:60:1")).field());
    }
}
