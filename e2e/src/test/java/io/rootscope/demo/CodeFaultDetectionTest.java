package io.rootscope.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rootscope.analytics.detection.TelemetryDetection;
import io.rootscope.backend.detection.DetectionJob;
import io.rootscope.backend.etl.write.ResourceResolver;
import io.rootscope.backend.ingest.TelemetryIngestor;
import io.rootscope.backend.testing.Rows;
import io.rootscope.backend.testing.TestDatabase;
import io.rootscope.workload.fault.FaultRegistry;
import io.rootscope.workload.fault.FaultSpec;
import io.rootscope.workload.fault.FaultType;
import io.rootscope.workload.otlp.LogGenerator;
import io.rootscope.workload.otlp.LogRecord;
import io.rootscope.workload.otlp.OtlpJson;
import io.rootscope.workload.otlp.SpanRecord;
import io.rootscope.workload.otlp.TraceGenerator;
import io.rootscope.workload.sim.LoadModel;
import io.rootscope.workload.sim.Simulation;
import io.rootscope.workload.sim.Tick;
import io.rootscope.workload.topology.SockShopTopology;
import io.rootscope.workload.topology.Topology;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import javax.sql.DataSource;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/**
 * The simulator's code-level fault, detected from its logs and spans alone: the Sock Shop's OTLP traces and logs of
 * every one-second tick go through the backend's OTLP ingest, and the demo's detection ({@link FastDetection}) runs
 * over ten-second windows as the ETL runs it. No metric is stored, so every incident comes from the logs and spans.
 * Two minutes of normal traffic open nothing; the exception thrown in carts opens an incident titled by its new
 * template on carts from the fault's first seconds.
 */
class CodeFaultDetectionTest {

    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    private static final int FAULT_AT = 150;
    private static final int SECONDS = 200;
    private static final Duration WINDOW = Duration.ofSeconds(10);

    private final DataSource db = TestDatabase.shared().dataSource();
    private final Topology topology = SockShopTopology.create();
    private final FaultRegistry faults = new FaultRegistry(topology, fault -> { });
    private final Random random = new Random(7);
    private final Simulation simulation = new Simulation(topology, faults, new LoadModel(random), random, Duration.ofSeconds(1));
    private final TraceGenerator traces = new TraceGenerator(topology, random);
    private final LogGenerator logs = new LogGenerator(topology, random);
    private final OtlpJson json = new OtlpJson(new ObjectMapper(), topology);
    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void anExceptionInCartsOpensANewTemplateIncidentOnCartsAndNormalTrafficOpensNothing() throws Exception {
        long tenant = Long.parseLong(Rows.single(db, "INSERT INTO dim_tenant (code, name) VALUES ('code-fault-"
                + UUID.randomUUID().toString().substring(0, 8) + "', 'Code fault') RETURNING tenant_id"));
        TelemetryIngestor ingestor = new TelemetryIngestor(db, new ResourceResolver(db));
        for (int second = 1; second <= SECONDS; second++) {
            Instant now = T0.plusSeconds(second);
            if (second == FAULT_AT) {
                faults.schedule(new FaultSpec(FaultType.JVM_EXCEPTION, "carts", Duration.ZERO, Duration.ofMinutes(5),
                        FaultPlan.intensityDefault(FaultType.JVM_EXCEPTION)), now);
            }
            Tick tick = simulation.step(now);
            List<SpanRecord> spans = traces.generate(tick);
            List<LogRecord> lines = logs.generate(tick, spans);
            ingestor.ingestTraces(tenant, new ByteArrayInputStream(mapper.writeValueAsBytes(json.traces(spans, tick.pods()))));
            ingestor.ingestLogs(tenant, new ByteArrayInputStream(mapper.writeValueAsBytes(json.logs(lines, tick.pods()))));
        }

        DetectionJob job = new DetectionJob(DSL.using(db, SQLDialect.POSTGRES),
                FastDetection.settings(StackSettings.FAST.detectionBaseline(), StackSettings.FAST.detectionReplay()), (e, t, f, a) -> { });
        for (Instant from = T0.plusSeconds(60); from.isBefore(T0.plusSeconds(SECONDS - 10)); from = from.plus(WINDOW)) {
            job.run(tenant, from, from.plus(WINDOW));
        }

        List<String> incidents = Rows.column(db, """
                SELECT e.title || ' @' || extract(epoch FROM e.started_at - '%s'::timestamptz)::int
                  FROM event_envelope e WHERE e.tenant_id = %s ORDER BY e.started_at, e.title""".formatted(T0, tenant));
        // The fault acts from the tick ending at its second, whose events fall in the two-second step before it.
        assertEquals(List.of(), incidents.stream().filter(i -> startOf(i) < FAULT_AT - 2).toList(), "normal traffic opens nothing");
        String newTemplate = incidents.stream().filter(i -> i.startsWith("new ERROR template on carts: ")).findFirst()
                .orElseThrow(() -> new AssertionError("no new-template incident on carts: " + incidents));
        assertTrue(newTemplate.contains("java.lang.IllegalStateException"), newTemplate);
        assertTrue(startOf(newTemplate) <= FAULT_AT + 4, "opened at the fault's first steps: " + incidents);
        // The simulator samples two traces a second: too few spans of one operation in a step for the span rules here
        // (the backend's TelemetryDetectionJobTest covers them); its exception lines surge as well.
        assertTrue(incidents.stream().anyMatch(i -> i.startsWith("Surge of error logs on carts @")), "carts' error logs surge: " + incidents);
    }

    /** Seconds from T0 to the start of an incident as listed above. */
    private static int startOf(String incident) {
        return Integer.parseInt(incident.substring(incident.lastIndexOf('@') + 1));
    }
}
