package io.rootscope.backend.rca;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rootscope.analytics.rca.DiagnosisWindow;
import io.rootscope.analytics.rca.methods.RootCauseMethods;
import io.rootscope.backend.testing.Rows;
import io.rootscope.backend.testing.TestDatabase;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A diagnosis asked right after collection began: its normal window reaches back before the data, or to an earlier run
 * of the system before a stop. The window must start where this run's data does, or the cells in between are filled with
 * a series' first (or last) value and a quiet series whose value repeats there loses all its spread, so its ordinary
 * noise in the anomalous period outscores the slowed service.
 */
class DiagnosisWindowLoaderTest {

    private static final String FRONT_END = "urn:k8s:svc:fresh/front-end";
    private static final String SLOWED = "urn:k8s:svc:fresh/carts";
    private static final String QUIET = "urn:k8s:svc:fresh/catalogue";
    private static final int SAMPLES = 60;
    private static final int ANOMALY_SAMPLE = 40;

    private static DataSource db;
    private static Instant firstSample;

    @BeforeAll
    static void start() {
        db = TestDatabase.shared().dataSource();
        firstSample = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(20, ChronoUnit.MINUTES);
    }

    @Test
    void aWindowReachingBackBeforeTheDataStartsAtTheFirstSample() throws Exception {
        long tenant = tenant("fresh");
        DiagnosisWindow window = loadFrom(tenant, firstSample.minus(15, ChronoUnit.MINUTES));
        assertEquals(firstSample.getEpochSecond(), window.times()[0]);
        assertEquals(ANOMALY_SAMPLE, window.normalEnd(), "the normal period is the samples before the anomaly, no more");
        assertSlowedServiceRanksFirst(window);
    }

    @Test
    void aWindowReachingBackToAnEarlierRunStartsAfterTheStop() throws Exception {
        long tenant = tenant("rerun");
        // Three minutes of an earlier run, stopped five minutes before this one began.
        Rows.execute(db, """
                INSERT INTO metric_sample (ts, tenant_id, resource_id, metric, value)
                SELECT '%1$s'::timestamptz - interval '8 minutes' + i * interval '15 seconds', %2$s, resource_id, 'latency', 0.4
                  FROM generate_series(0, 11) AS i, dim_resource WHERE tenant_id = %2$s""".formatted(firstSample, tenant));
        DiagnosisWindow window = loadFrom(tenant, firstSample.minus(15, ChronoUnit.MINUTES));
        assertEquals(firstSample.getEpochSecond(), window.times()[0]);
        assertSlowedServiceRanksFirst(window);
        DiagnosisWindow sinceEarlierRun = loadFrom(tenant, firstSample.minus(8, ChronoUnit.MINUTES));
        assertEquals(firstSample.getEpochSecond(), sinceEarlierRun.times()[0], "opening on the earlier run's data");
    }

    @Test
    void aPauseShorterThanAStopKeepsTheWholeWindow() throws Exception {
        long tenant = tenant("pause");
        Rows.execute(db, "DELETE FROM metric_sample WHERE tenant_id = " + tenant + " AND ts > '" + firstSample.plusSeconds(150)
                + "' AND ts < '" + firstSample.plusSeconds(195) + "'");
        assertEquals(firstSample.getEpochSecond(), loadFrom(tenant, firstSample.minus(15, ChronoUnit.MINUTES)).times()[0]);
    }

    private static void assertSlowedServiceRanksFirst(DiagnosisWindow window) {
        for (String method : new String[] {"baro", RootCauseMethods.DEFAULT}) {
            assertEquals(SLOWED, RootCauseMethods.create(method, Map.of()).rank(window).ranking().get(0).service(), method);
        }
    }

    /** Three services at 15 s from firstSample; the slowed one's latency rises at ANOMALY_SAMPLE. */
    private static long tenant(String code) throws SQLException {
        long tenantId = Long.parseLong(Rows.single(db, "INSERT INTO dim_tenant (code, name) VALUES ('" + code + "', 'T') RETURNING tenant_id"));
        Rows.execute(db, """
                INSERT INTO dim_resource (tenant_id, urn, type, name) VALUES
                  (%1$s, '%2$s', 'service', 'front-end'), (%1$s, '%3$s', 'service', 'carts'), (%1$s, '%4$s', 'service', 'catalogue')"""
                .formatted(tenantId, FRONT_END, SLOWED, QUIET));
        // a = 1 in the anomalous period. The quiet service starts at its median, the others at their minimum.
        Rows.execute(db, """
                INSERT INTO metric_sample (ts, tenant_id, resource_id, metric, value)
                SELECT '%1$s'::timestamptz + i * interval '15 seconds', %2$s, r.resource_id, 'latency',
                       CASE svc.urn
                         WHEN '%3$s' THEN 50 - 4 * cos(i * 1.3) + 15 * a
                         WHEN '%4$s' THEN 20 - 2 * cos(i * 0.9) + 60 * a
                         ELSE 0.4 + 0.04 * sin(i * 1.7)
                       END
                  FROM generate_series(0, %6$s - 1) AS i,
                       LATERAL (SELECT CASE WHEN i >= %7$s THEN 1 ELSE 0 END AS a) anomalous,
                       (VALUES ('%3$s'), ('%4$s'), ('%5$s')) AS svc (urn)
                       JOIN dim_resource r ON r.urn = svc.urn AND r.tenant_id = %2$s"""
                .formatted(firstSample, tenantId, FRONT_END, SLOWED, QUIET, SAMPLES, ANOMALY_SAMPLE));
        return tenantId;
    }

    private static DiagnosisWindow loadFrom(long tenantId, Instant from) {
        Instant anomalyStart = firstSample.plusSeconds(15L * ANOMALY_SAMPLE);
        return new DiagnosisWindowLoader(DSL.using(db, SQLDialect.POSTGRES))
                .load(tenantId, FRONT_END, from, firstSample.plusSeconds(15L * SAMPLES), Optional.of(anomalyStart))
                .orElseThrow().window();
    }
}
