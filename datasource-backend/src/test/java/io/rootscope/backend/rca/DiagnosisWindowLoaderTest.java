package io.rootscope.backend.rca;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rootscope.analytics.rca.DiagnosisWindow;
import io.rootscope.analytics.rca.methods.RootCauseMethods;
import io.rootscope.backend.testing.Rows;
import io.rootscope.backend.testing.TestDatabase;
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
 * A diagnosis asked right after a tenant's first samples: its normal window reaches back before any data. The window must
 * start at the data, or the gap is filled with each series' first value and a quiet series whose first value is its median
 * loses all its spread, so its ordinary noise in the anomalous period outscores the slowed service.
 */
class DiagnosisWindowLoaderTest {

    private static final String FRONT_END = "urn:k8s:svc:fresh/front-end";
    private static final String SLOWED = "urn:k8s:svc:fresh/carts";
    private static final String QUIET = "urn:k8s:svc:fresh/catalogue";
    private static final int SAMPLES = 60;
    private static final int ANOMALY_SAMPLE = 40;

    private static DataSource db;
    private static long tenantId;
    private static Instant firstSample;

    @BeforeAll
    static void freshTenant() throws Exception {
        db = TestDatabase.shared().dataSource();
        firstSample = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(20, ChronoUnit.MINUTES);
        tenantId = Long.parseLong(Rows.single(db, "INSERT INTO dim_tenant (code, name) VALUES ('fresh', 'fresh') RETURNING tenant_id"));
        Rows.execute(db, """
                INSERT INTO dim_resource (tenant_id, urn, type, name) VALUES
                  (%1$s, '%2$s', 'service', 'front-end'), (%1$s, '%3$s', 'service', 'carts'), (%1$s, '%4$s', 'service', 'catalogue')"""
                .formatted(tenantId, FRONT_END, SLOWED, QUIET));
        // 15 s samples; a = 1 in the anomalous period. The quiet service starts at its median, the others at their minimum.
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
    }

    @Test
    void aWindowReachingBackBeforeTheDataStartsAtTheFirstSample() {
        DiagnosisWindow window = loadFrom(firstSample.minus(15, ChronoUnit.MINUTES));
        assertEquals(firstSample.getEpochSecond(), window.times()[0]);
        assertEquals(ANOMALY_SAMPLE, window.normalEnd(), "the normal period is the samples before the anomaly, no more");
    }

    @Test
    void theSlowedServiceStillRanksFirst() {
        DiagnosisWindow window = loadFrom(firstSample.minus(15, ChronoUnit.MINUTES));
        for (String method : new String[] {"baro", RootCauseMethods.DEFAULT}) {
            assertEquals(SLOWED, RootCauseMethods.create(method, Map.of()).rank(window).ranking().get(0).service(), method);
        }
    }

    private static DiagnosisWindow loadFrom(Instant from) {
        Instant anomalyStart = firstSample.plusSeconds(15L * ANOMALY_SAMPLE);
        return new DiagnosisWindowLoader(DSL.using(db, SQLDialect.POSTGRES))
                .load(tenantId, FRONT_END, from, firstSample.plusSeconds(15L * SAMPLES), Optional.of(anomalyStart))
                .orElseThrow().window();
    }
}
