package io.rootscope.workload.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rootscope.workload.fault.FaultType;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/** Network faults show in the synthetic probes of the target, as they would in blackbox and ping exporters. */
class ProbeSignatureTest {

    private final SimulationRun run = new SimulationRun(21);

    private double meanProbe(String service, int seconds, ToDoubleFunction<ProbeSample> value) {
        double sum = 0;
        for (int i = 0; i < seconds; i++) {
            run.step();
            sum += run.simulation.snapshot().probes().stream().filter(p -> p.service().equals(service))
                    .mapToDouble(value).findFirst().orElseThrow();
        }
        return sum / seconds;
    }

    @Test
    void delayRaisesRttAndConnectTime() {
        double rtt = meanProbe("user", 20, ProbeSample::pingRttMeanSeconds);
        double connect = meanProbe("user", 20, ProbeSample::connectSeconds);
        run.inject(FaultType.NETWORK_DELAY, "user", 60, 50);
        assertEquals(rtt + 0.050, meanProbe("user", 20, ProbeSample::pingRttMeanSeconds), 0.005);
        assertEquals(connect + 0.050, meanProbe("user", 20, ProbeSample::connectSeconds), 0.005);
    }

    @Test
    void lossShowsAsPingLoss() {
        assertEquals(0, meanProbe("orders", 20, ProbeSample::pingLossRatio));
        run.inject(FaultType.PACKET_LOSS, "orders", 60, 0.3);
        assertEquals(0.3, meanProbe("orders", 40, ProbeSample::pingLossRatio), 0.05);
    }

    @Test
    void aKilledPodFailsItsProbes() {
        assertEquals(1, meanProbe("carts", 10, p -> p.httpSuccess() ? 1 : 0));
        run.inject(FaultType.POD_KILL, "carts", 30, 1);
        assertEquals(0, meanProbe("carts", 10, p -> p.httpSuccess() ? 1 : 0));
        assertEquals(1, meanProbe("carts", 10, ProbeSample::pingLossRatio));
    }

    @Test
    void abortsFailHttpProbesButNotPings() {
        run.inject(FaultType.HTTP_ABORT, "shipping", 60, 1.0);
        assertEquals(0, meanProbe("shipping", 10, p -> p.httpSuccess() ? 1 : 0));
        assertEquals(500, meanProbe("shipping", 10, ProbeSample::httpStatusCode));
        assertTrue(meanProbe("shipping", 10, p -> p.icmpSuccess() ? 1 : 0) == 1);
    }
}
