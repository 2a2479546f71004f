package io.rootscope.backend.detection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rootscope.analytics.detection.BaselineConfig;
import io.rootscope.analytics.detection.DetectionRule;
import io.rootscope.analytics.detection.Direction;
import io.rootscope.analytics.detection.Hysteresis;
import io.rootscope.analytics.detection.MetricSelector;
import io.rootscope.analytics.detection.RobustZScoreDetector;
import io.rootscope.analytics.detection.ScaleFloor;
import io.rootscope.analytics.detection.ThresholdRule;
import io.rootscope.backend.testing.Rows;
import io.rootscope.backend.testing.TestDatabase;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Detection over one-second samples (and the minute rollup) of a tenant of each test's own. */
class DetectionJobTest {

    private static final String ORDERS = "urn:k8s:svc:shop/orders";
    private static final String FRONT_END = "urn:k8s:svc:shop/front-end";
    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    /** Robust z over a one-minute baseline; open after 3 anomalous samples, close after 5 normal ones. */
    private static final DetectionRule LATENCY_ANOMALY = new DetectionRule("latency-anomaly",
            List.of(MetricSelector.avg("latency")),
            new RobustZScoreDetector(new BaselineConfig(Duration.ofMinutes(1), 10, 3.5, Direction.UP, ScaleFloor.DEFAULT)),
            new Hysteresis(3, Duration.ZERO, 5), Optional.empty());
    private static final DetectionSettings SAMPLES = new DetectionSettings(MetricSource.METRIC_SAMPLE,
            List.of(LATENCY_ANOMALY), Duration.ofSeconds(20), Duration.ofMinutes(10));

    private final DataSource db = TestDatabase.shared().dataSource();
    private final DSLContext jooq = DSL.using(db, SQLDialect.POSTGRES);
    private final List<String> notified = new ArrayList<>();
    private long tenant;

    @BeforeEach
    void createTenant() throws SQLException {
        String code = "detect-" + UUID.randomUUID().toString().substring(0, 8);
        tenant = Long.parseLong(Rows.single(db, "INSERT INTO dim_tenant (code, name) VALUES ('" + code + "', 'Detection') RETURNING tenant_id"));
        Rows.execute(db, """
                INSERT INTO dim_resource (tenant_id, urn, type, name) VALUES
                  (%1$s, '%2$s', 'service', 'orders'), (%1$s, '%3$s', 'service', 'front-end')""".formatted(tenant, ORDERS, FRONT_END));
    }

    @Test
    void stepChangeOpensOneIncidentWithEvidenceOnceAndClosesOnRecovery() throws SQLException {
        // 5 minutes of orders latency around 100 ms; 300 ms from second 150 to second 209.
        samples(ORDERS, "latency", 300, "CASE WHEN i >= 150 AND i < 210 THEN 300 ELSE 100 + (i * 7) % 11 - 5 END");
        DetectionJob job = new DetectionJob(jooq, SAMPLES, this::notify);

        DetectionRun first = job.run(tenant, T0.plusSeconds(120), T0.plusSeconds(180));

        assertEquals(1, first.opened().size());
        UUID incident = first.opened().get(0);
        assertEquals(List.of(incident + " " + ORDERS + " " + T0.plusSeconds(150)), notified);
        assertEquals("open anomaly WARN " + ORDERS + " detector:latency-anomaly:" + ORDERS + ":" + T0.plusSeconds(150),
                Rows.single(db, """
                        SELECT e.status || ' ' || e.kind || ' ' || e.severity || ' ' || r.urn || ' ' || e.dedup_key
                          FROM event_envelope e JOIN dim_resource r USING (resource_id) WHERE e.event_id = '%s'""".formatted(incident)));
        assertEquals(List.of("metric_sample latency " + T0.plusSeconds(150) + " " + T0.plusSeconds(152).plusNanos(1_000) + " true"),
                Rows.column(db, """
                        SELECT l.ref_pg ->> 'table' || ' ' || (l.ref_pg ->> 'metric') || ' ' || (l.ref_pg ->> 'from') || ' ' || (l.ref_pg ->> 'to')
                               || ' ' || ((l.ref_pg ->> 'resource_id')::bigint = r.resource_id AND l.score > 3.5)
                          FROM evidence_link l, dim_resource r
                         WHERE l.event_id = '%s' AND r.urn = '%s' AND r.tenant_id = %s""".formatted(incident, ORDERS, tenant)));

        DetectionRun again = job.run(tenant, T0.plusSeconds(120), T0.plusSeconds(180));
        assertEquals(List.of(), again.opened(), "re-running a window opens nothing new");
        assertEquals(1, notified.size());
        assertEquals("1 1", Rows.single(db, "SELECT count(*) || ' ' || (SELECT count(*) FROM evidence_link l JOIN event_envelope e USING (event_id) "
                + "WHERE e.tenant_id = " + tenant + ") FROM event_envelope WHERE tenant_id = " + tenant));

        job.run(tenant, T0.plusSeconds(180), T0.plusSeconds(240));
        assertEquals("resolved " + T0.plusSeconds(210), Rows.single(db,
                "SELECT status || ' ' || to_char(ended_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') FROM event_envelope WHERE event_id = '" + incident + "'"));
        assertEquals(List.of(), job.run(tenant, T0.plusSeconds(120), T0.plusSeconds(240)).opened(),
                "a replayed window finds the resolved incident again, not a new one");
        assertEquals("1 resolved", Rows.single(db, "SELECT count(*) || ' ' || min(status) FROM event_envelope WHERE tenant_id = " + tenant));
    }

    @Test
    void consecutiveShortWindowsResumeTheOpenIncident() throws SQLException {
        samples(ORDERS, "latency", 400, "CASE WHEN i >= 150 AND i < 300 THEN 300 ELSE 100 + (i * 7) % 11 - 5 END");
        DetectionJob job = new DetectionJob(jooq, SAMPLES, this::notify);

        for (int second = 60; second < 400; second += 10) {
            job.run(tenant, T0.plusSeconds(second), T0.plusSeconds(second + 10));
        }

        assertEquals(1, notified.size(), notified.toString());
        assertEquals("resolved " + T0.plusSeconds(150) + " " + T0.plusSeconds(300), Rows.single(db, """
                SELECT status || ' ' || to_char(started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') || ' '
                       || to_char(ended_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') FROM event_envelope WHERE tenant_id = %s""".formatted(tenant)));
    }

    @Test
    void flappingSeriesOpensAtMostOneIncident() throws SQLException {
        // From second 150 to 299 three slow samples then a normal one, over and over.
        samples(ORDERS, "latency", 400, "CASE WHEN i >= 150 AND i < 300 AND i % 4 <> 1 THEN 300 ELSE 100 + (i * 7) % 11 - 5 END");
        DetectionJob job = new DetectionJob(jooq, SAMPLES, this::notify);

        for (int second = 60; second < 400; second += 30) {
            job.run(tenant, T0.plusSeconds(second), T0.plusSeconds(second + 30));
        }

        assertEquals(1, notified.size(), notified.toString());
        assertEquals("1 resolved", Rows.single(db, "SELECT count(*) || ' ' || min(status) FROM event_envelope WHERE tenant_id = " + tenant));
    }

    @Test
    void anomaliesOnTwoMetricsOfOneServiceShareOneIncident() throws SQLException {
        samples(ORDERS, "latency", 300, "CASE WHEN i >= 150 AND i < 210 THEN 300 ELSE 100 + (i * 7) % 11 - 5 END");
        samples(ORDERS, "error_rate", 300, "CASE WHEN i >= 160 AND i < 200 THEN 0.5 ELSE 0.01 + (i % 3) * 0.001 END");
        DetectionRule latencyAndErrors = new DetectionRule("service-anomaly",
                List.of(MetricSelector.avg("latency"), MetricSelector.avg("error_rate")), LATENCY_ANOMALY.detector(),
                LATENCY_ANOMALY.hysteresis(), Optional.empty());
        DetectionJob job = new DetectionJob(jooq, new DetectionSettings(MetricSource.METRIC_SAMPLE, List.of(latencyAndErrors),
                Duration.ofSeconds(20), Duration.ofMinutes(10)), (eventId, tenantId, frontendUrn, anomalyStart) -> {
                    notify(eventId, tenantId, frontendUrn, anomalyStart);
                    throw new IllegalStateException("diagnosis unavailable");
                });

        DetectionRun run = job.run(tenant, T0.plusSeconds(120), T0.plusSeconds(300));

        assertEquals(1, run.opened().size(), "a failing listener does not fail the run");
        assertEquals(1, notified.size());
        assertEquals(List.of("error_rate " + T0.plusSeconds(160), "latency " + T0.plusSeconds(150)), Rows.column(db, """
                SELECT (ref_pg ->> 'metric') || ' ' || (ref_pg ->> 'from') FROM evidence_link WHERE event_id = '%s' ORDER BY 1"""
                .formatted(run.opened().get(0))));
        assertEquals("1 resolved " + T0.plusSeconds(210), Rows.single(db, """
                SELECT count(*) || ' ' || min(status) || ' ' || to_char(min(ended_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
                  FROM event_envelope WHERE tenant_id = %s""".formatted(tenant)));
    }

    @Test
    void sloRuleOnTheMinuteRollupNamesItsSliService() throws SQLException {
        // p95 latency per minute: both services slow down from minute 20 to 29, only front-end is the SLI.
        for (String urn : List.of(FRONT_END, ORDERS)) {
            Rows.execute(db, """
                    INSERT INTO metric_1m (bucket, tenant_id, resource_id, metric, avg_val, max_val, p95_val, sample_count)
                    SELECT '%1$s'::timestamptz + i * interval '1 minute', %2$s, r.resource_id, 'latency', 100, 900,
                           CASE WHEN i >= 20 AND i < 30 THEN 700 ELSE 200 END, 60
                      FROM generate_series(0, 39) AS i, dim_resource r WHERE r.urn = '%3$s' AND r.tenant_id = %2$s"""
                    .formatted(T0, tenant, urn));
        }
        DetectionRule slo = DetectionRule.slo("checkout-latency-slo", ThresholdRule.parse("p95(latency) > 500 for 2m"), 3,
                Optional.of(FRONT_END));
        DetectionJob job = new DetectionJob(jooq, new DetectionSettings(MetricSource.METRIC_1M, List.of(slo),
                Duration.ofMinutes(5), Duration.ofHours(1)), this::notify);

        DetectionRun run = job.run(tenant, T0, T0.plus(Duration.ofMinutes(40)));

        assertEquals(List.of(run.opened().get(0) + " " + FRONT_END + " " + T0.plus(Duration.ofMinutes(20))), notified);
        assertEquals("resolved slo_violation ERROR " + T0.plus(Duration.ofMinutes(30)), Rows.single(db, """
                SELECT status || ' ' || kind || ' ' || severity || ' ' || to_char(ended_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
                  FROM event_envelope WHERE tenant_id = %s""".formatted(tenant)));
        String evidence = Rows.single(db, "SELECT ref_pg::text FROM evidence_link WHERE event_id = '" + run.opened().get(0) + "'");
        assertTrue(evidence.contains("\"table\": \"metric_1m\"") && evidence.contains("\"statistic\": \"p95\"")
                && evidence.contains("\"to\": \"" + T0.plus(Duration.ofMinutes(23)) + "\""), evidence);
    }

    /** {@code n} one-second samples of a metric of a resource from T0; {@code value} is SQL over the index i. */
    private void samples(String urn, String metric, int n, String value) throws SQLException {
        Rows.execute(db, """
                INSERT INTO metric_sample (ts, tenant_id, resource_id, metric, value)
                SELECT '%1$s'::timestamptz + i * interval '1 second', %2$s, r.resource_id, '%3$s', %6$s
                  FROM generate_series(0, %4$s) AS i, dim_resource r WHERE r.urn = '%5$s' AND r.tenant_id = %2$s"""
                .formatted(T0, tenant, metric, n - 1, urn, value));
    }

    private void notify(UUID eventId, long tenantId, String frontendUrn, Instant anomalyStart) {
        assertEquals(tenant, tenantId);
        notified.add(eventId + " " + frontendUrn + " " + anomalyStart);
    }
}
