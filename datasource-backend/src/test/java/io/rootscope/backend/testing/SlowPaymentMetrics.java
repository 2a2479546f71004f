package io.rootscope.backend.testing;

import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import javax.sql.DataSource;

/**
 * Raw metrics of a four-service shop in its own tenant, 40 minutes at 15 s: from the 20th minute payment's CPU
 * saturates and its latency rises, which shows up (weaker) in the latency of orders and front-end that call it.
 * Noise is deterministic (sums of sines), so every run sees the same data.
 */
public final class SlowPaymentMetrics {

    public static final String FRONT_END = "urn:k8s:svc:rca/front-end";
    public static final String ORDERS = "urn:k8s:svc:rca/orders";
    public static final String PAYMENT = "urn:k8s:svc:rca/payment";
    public static final String CARTS = "urn:k8s:svc:rca/carts";

    public final String tenant;
    public final long tenantId;
    public final Instant start;
    public final Instant anomalyStart;
    public final Instant end;

    public SlowPaymentMetrics(DataSource db, String tenant) throws SQLException {
        this.tenant = tenant;
        this.start = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(50, ChronoUnit.MINUTES);
        this.anomalyStart = start.plus(20, ChronoUnit.MINUTES);
        this.end = start.plus(40, ChronoUnit.MINUTES);
        tenantId = Long.parseLong(Rows.single(db, "INSERT INTO dim_tenant (code, name) VALUES ('" + tenant + "', 'RCA') RETURNING tenant_id"));
        Rows.execute(db, """
                INSERT INTO dim_resource (tenant_id, urn, type, name) VALUES
                  (%1$s, '%2$s', 'service', 'front-end'), (%1$s, '%3$s', 'service', 'orders'),
                  (%1$s, '%4$s', 'service', 'payment'), (%1$s, '%5$s', 'service', 'carts')"""
                .formatted(tenantId, FRONT_END, ORDERS, PAYMENT, CARTS));
        // s: service index (0 front-end, 1 orders, 2 payment, 3 carts); a: 1 in the anomalous period.
        Rows.execute(db, """
                INSERT INTO metric_sample (ts, tenant_id, resource_id, metric, value)
                SELECT '%1$s'::timestamptz + i * interval '15 seconds', %2$s, r.resource_id, m.metric,
                       CASE m.metric
                         WHEN 'cpu' THEN 0.2 + 0.02 * sin(i * 0.7 + s) + CASE WHEN s = 2 THEN 0.7 * a ELSE 0 END
                         WHEN 'memory' THEN 1e8 * (1 + s) + 1e6 * sin(i * 0.3 + s)
                         WHEN 'throughput' THEN 20 + sin(i * 0.5 + s) - CASE WHEN s < 3 THEN 3 * a ELSE 0 END
                         ELSE 50 + 5 * s + 2 * sin(i * 1.3 + 2 * s)
                              + a * CASE s WHEN 2 THEN 400 WHEN 1 THEN 250 WHEN 0 THEN 200 ELSE 0 END
                       END
                  FROM generate_series(0, 159) AS i,
                       LATERAL (SELECT CASE WHEN i >= 80 THEN 1 ELSE 0 END AS a) anomalous,
                       (VALUES ('%3$s', 0), ('%4$s', 1), ('%5$s', 2), ('%6$s', 3)) AS svc (urn, s)
                       JOIN dim_resource r ON r.urn = svc.urn AND r.tenant_id = %2$s,
                       (VALUES ('latency'), ('throughput'), ('cpu'), ('memory')) AS m (metric)"""
                .formatted(start, tenantId, FRONT_END, ORDERS, PAYMENT, CARTS));
    }
}
