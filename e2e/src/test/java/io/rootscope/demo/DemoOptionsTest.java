package io.rootscope.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rootscope.workload.fault.FaultType;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DemoOptionsTest {

    @Test
    void defaultsInjectCpuStressIntoCartsAndStop() {
        DemoOptions options = DemoOptions.parse();
        assertEquals(FaultType.CPU_STRESS, options.fault());
        assertEquals("carts", options.target());
        assertEquals(StackSettings.FAST.warmup(), options.warmup());
        assertFalse(options.keepRunning());
    }

    @Test
    void everyOptionIsRead() {
        DemoOptions options = DemoOptions.parse("--fault", "http-abort", "--target", "payment", "--warmup", "90", "--keep-running");
        assertEquals(new DemoOptions(FaultType.HTTP_ABORT, "payment", Duration.ofSeconds(90), true), options);
    }

    @Test
    void theDemosNormalWindowIsNoLongerThanItsWarmup() {
        assertEquals(Duration.ofSeconds(60), StackSettings.demo(Duration.ofSeconds(60)).rcaNormalLookback());
        assertEquals(StackSettings.FAST.rcaNormalLookback(), StackSettings.demo(Duration.ofMinutes(10)).rcaNormalLookback());
        assertEquals(Duration.ofMinutes(10), StackSettings.demo(Duration.ofMinutes(10)).warmup());
    }

    @Test
    void badOptionsAreRejectedNamingTheOption() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DemoOptions.parse("--fault", "meteor")).getMessage().startsWith("--fault"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DemoOptions.parse("--target", "nowhere")).getMessage().startsWith("--target"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DemoOptions.parse("--warmup", "10")).getMessage().startsWith("--warmup"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DemoOptions.parse("--warmup", "soon")).getMessage().startsWith("--warmup"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DemoOptions.parse("--target")).getMessage().contains("needs a value"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DemoOptions.parse("--verbose")).getMessage().contains("unknown option"));
    }
}
