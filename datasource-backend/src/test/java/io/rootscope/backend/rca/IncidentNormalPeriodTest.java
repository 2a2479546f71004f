package io.rootscope.backend.rca;

import static io.rootscope.backend.testing.SlowPaymentMetrics.CARTS;
import static io.rootscope.backend.testing.SlowPaymentMetrics.FRONT_END;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.rootscope.analytics.rca.DiagnosisWindow;
import io.rootscope.analytics.rca.MetricType;
import io.rootscope.backend.json.Json;
import io.rootscope.backend.rca.NormalPeriod.TimeRange;
import io.rootscope.backend.testing.Rows;
import io.rootscope.backend.testing.SlowPaymentMetrics;
import io.rootscope.backend.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/**
 * An incident's diagnosis leaves the tenant's earlier incidents out of its normal period: their samples, log events and
 * spans are not "normal", the period reaches back as far as they lasted, and the stored run keeps what it left out.
 */
class IncidentNormalPeriodTest {

    private static int tenants;

    @Test
    void anEarlierClosedIncidentIsLeftOutOfTheNormalPeriodAndItsSpikeWithIt() throws Exception {
        DataSource db = TestDatabase.shared().dataSource();
        SlowPaymentMetrics data = new SlowPaymentMetrics(db, "normal-period" + ++tenants);
        DSLContext writer = DSL.using(db, SQLDialect.POSTGRES);
        Instant earlierFrom = data.start.plus(Duration.ofMinutes(8));
        Instant earlierTo = data.start.plus(Duration.ofMinutes(12));
        // During the earlier incident carts' CPU was ten times its normal level.
        Rows.execute(db, """
                UPDATE metric_sample SET value = 2 WHERE tenant_id = %s AND metric = 'cpu' AND ts >= '%s' AND ts < '%s'
                   AND resource_id = (SELECT resource_id FROM dim_resource WHERE tenant_id = %1$s AND urn = '%s')"""
                .formatted(data.tenantId, earlierFrom, earlierTo, CARTS));
        event(db, data.tenantId, "earlier", "anomaly", earlierFrom, earlierTo);
        // Not left out: a deployment (a moment, not a disturbed period), an incident still open, another tenant's.
        event(db, data.tenantId, "deploy", "deploy", data.start.plus(Duration.ofMinutes(2)), data.start.plus(Duration.ofMinutes(3)));
        event(db, data.tenantId, "still-open", "anomaly", data.start.plus(Duration.ofMinutes(15)), null);
        SlowPaymentMetrics other = new SlowPaymentMetrics(db, "normal-period-other" + tenants);
        event(db, other.tenantId, "other", "anomaly", data.start.plus(Duration.ofMinutes(4)), data.start.plus(Duration.ofMinutes(6)));
        UUID incident = event(db, data.tenantId, "diagnosed", "slo_violation", data.anomalyStart, null);

        RcaService rca = new RcaService(writer);
        RcaService.RcaRequest request = rca.forIncident(writer, data.tenant, data.tenantId, incident, FRONT_END, data.anomalyStart, "nsigma");
        assertEquals(List.of(new TimeRange(earlierFrom, earlierTo)), request.excluded());
        assertEquals(data.anomalyStart.minus(RcaService.NORMAL_LOOKBACK_DEFAULT).minus(Duration.ofMinutes(4)), request.from(),
                "a lookback of clean time: the period reaches back by the four excluded minutes");

        rca.diagnoseIncident(request);
        JsonNode stored = Json.read(Rows.single(db, "SELECT normal_excluded FROM rca_run WHERE event_id = '" + incident + "'"), JsonNode.class, "run");
        assertEquals(1, stored.size(), stored.toString());
        assertEquals(earlierFrom, Instant.parse(stored.get(0).path("from").asText()));
        assertEquals(earlierTo, Instant.parse(stored.get(0).path("to").asText()));
        assertEquals(request.excluded(), new DiagnosisRunStore(writer).incidentRun(data.tenantId, incident).orElseThrow().excluded(),
                "read back as stored, for the lesson of a confirmed cause");

        DiagnosisWindowLoader loader = new DiagnosisWindowLoader(writer);
        DiagnosisWindowLoader.Version version = loader.version(data.tenantId, request.from(), request.to()).orElseThrow();
        DiagnosisWindow excluded = loader.load(data.tenantId, FRONT_END, request.from(), request.to(), request.anomalyStart(),
                request.excluded(), version).orElseThrow().window();
        assertTrue(Arrays.stream(excluded.times()).noneMatch(t -> t >= earlierFrom.getEpochSecond() && t < earlierTo.getEpochSecond()),
                "no grid cell in the earlier incident");
        assertTrue(maxCartsCpu(excluded) < 1, "the earlier incident's CPU is not part of the window: " + maxCartsCpu(excluded));
        DiagnosisWindow plain = loader.load(data.tenantId, FRONT_END, request.from(), request.to(), request.anomalyStart(),
                List.of(), version).orElseThrow().window();
        assertEquals(2, maxCartsCpu(plain), 1e-9, "without the exclusion the spike is there");
    }

    private static double maxCartsCpu(DiagnosisWindow window) {
        int type = window.metricTypes().indexOf(MetricType.CPU);
        double[] values = window.series(type, window.services().indexOf(CARTS)).orElseThrow();
        return Arrays.stream(values).filter(v -> !Double.isNaN(v)).max().orElseThrow();
    }

    private static UUID event(DataSource db, long tenantId, String key, String kind, Instant from, Instant to) throws Exception {
        return UUID.fromString(Rows.single(db, """
                INSERT INTO event_envelope (tenant_id, dedup_key, source, kind, severity, status, title, started_at, ended_at)
                VALUES (%s, '%s', 'test', '%s', 'WARN', '%s', '%s', '%s', %s) RETURNING event_id"""
                .formatted(tenantId, key, kind, to == null ? "open" : "resolved", key, from, to == null ? "NULL" : "'" + to + "'")));
    }
}
