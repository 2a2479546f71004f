package io.rootscope.workload.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rootscope.workload.topology.SockShopTopology;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FaultRegistryTest {

    private static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");

    private final List<Fault> changes = new ArrayList<>();
    private final FaultRegistry registry = new FaultRegistry(SockShopTopology.create(), changes::add);

    private static FaultSpec spec(FaultType type, String target, int delaySeconds, int durationSeconds,
            double intensity) {
        return new FaultSpec(type, target, Duration.ofSeconds(delaySeconds), Duration.ofSeconds(durationSeconds),
                intensity);
    }

    @Test
    void faultGoesFromPendingToActiveToFinishedWithActualTimes() {
        Fault fault = registry.schedule(spec(FaultType.CPU_STRESS, "carts", 10, 30, 0.8), T0);
        assertEquals(FaultStatus.PENDING, fault.status());
        assertEquals(T0.plusSeconds(10), fault.scheduledStart());

        assertEquals(List.of(), registry.advance(T0.plusSeconds(9)));
        List<Fault> active = registry.advance(T0.plusSeconds(11));
        assertEquals(1, active.size());
        assertEquals(Optional.of(T0.plusSeconds(11)), active.get(0).startedAt());

        assertEquals(1, registry.advance(T0.plusSeconds(40)).size());
        assertEquals(List.of(), registry.advance(T0.plusSeconds(41)));
        Fault finished = registry.find(fault.id()).orElseThrow();
        assertEquals(FaultStatus.FINISHED, finished.status());
        assertEquals(Optional.of(T0.plusSeconds(41)), finished.endedAt());
        assertEquals(List.of(FaultStatus.PENDING, FaultStatus.ACTIVE, FaultStatus.FINISHED),
                changes.stream().map(Fault::status).toList());
    }

    @Test
    void cancellingEndsAnActiveFault() {
        Fault fault = registry.schedule(spec(FaultType.HTTP_ABORT, "payment", 0, 60, 0.5), T0);
        registry.advance(T0);
        Fault cancelled = registry.cancel(fault.id(), T0.plusSeconds(5)).orElseThrow();
        assertEquals(FaultStatus.CANCELLED, cancelled.status());
        assertEquals(Optional.of(T0.plusSeconds(5)), cancelled.endedAt());
        assertEquals(List.of(), registry.advance(T0.plusSeconds(6)));
        assertEquals(Optional.empty(), registry.cancel("fault-404", T0));
    }

    @Test
    void cancellingAFinishedFaultChangesNothing() {
        Fault fault = registry.schedule(spec(FaultType.POD_KILL, "user", 0, 1, 1), T0);
        registry.advance(T0);
        registry.advance(T0.plusSeconds(2));
        assertEquals(FaultStatus.FINISHED, registry.cancel(fault.id(), T0.plusSeconds(3)).orElseThrow().status());
    }

    @Test
    void rejectsUnknownTarget() {
        InvalidFaultException e = assertThrows(InvalidFaultException.class,
                () -> registry.schedule(spec(FaultType.CPU_STRESS, "checkout", 0, 10, 0.5), T0));
        assertEquals("target", e.field());
    }

    @Test
    void rejectsIntensityOutsideTheTypesRange() {
        InvalidFaultException e = assertThrows(InvalidFaultException.class,
                () -> spec(FaultType.PACKET_LOSS, "carts", 0, 10, 1.5));
        assertEquals("intensity", e.field());
        assertThrows(InvalidFaultException.class, () -> spec(FaultType.NETWORK_DELAY, "carts", 0, 10, 0));
        assertEquals(500.0, spec(FaultType.NETWORK_DELAY, "carts", 0, 10, 500).intensity());
    }

    @Test
    void rejectsNonPositiveDuration() {
        assertEquals("durationSeconds",
                assertThrows(InvalidFaultException.class, () -> spec(FaultType.CPU_STRESS, "carts", 0, 0, 0.5)).field());
    }

    @Test
    void rejectsNegativeStartDelay() {
        assertEquals("startDelaySeconds",
                assertThrows(InvalidFaultException.class, () -> spec(FaultType.CPU_STRESS, "carts", -1, 5, 0.5))
                        .field());
    }

    @Test
    void parsesTypeNamesLeniently() {
        assertEquals(FaultType.CPU_STRESS, FaultType.parse("cpu-stress"));
        InvalidFaultException e = assertThrows(InvalidFaultException.class, () -> FaultType.parse("disk-fill"));
        assertEquals("type", e.field());
        assertTrue(e.getMessage().contains("POD_KILL"));
    }
}
