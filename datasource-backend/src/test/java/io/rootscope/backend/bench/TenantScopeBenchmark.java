package io.rootscope.backend.bench;

import com.zaxxer.hikari.HikariDataSource;
import io.rootscope.backend.db.DataSourceFactory;
import io.rootscope.backend.db.ReadRouting;
import io.rootscope.backend.db.TenantReader;
import io.rootscope.backend.testing.Rows;
import io.rootscope.backend.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import org.jooq.DSLContext;
import org.jooq.conf.Settings;

// Run (from the repository root), with the test classpath as for BackendBenchmark:
//   java -cp datasource-backend/target/test-classes:datasource-backend/target/classes:$(cat datasource-backend/target/test.classpath) \
//       io.rootscope.backend.bench.TenantScopeBenchmark [ITERATIONS]

/**
 * What row-level security and the per-checkout tenant setting cost a metrics panel: the minute query of a five-service
 * panel over one hour (the query of {@code MetricSeries}), on two tenants of 50 services × 24 h of minutes each, timed
 * as the application role (no row security, no setting: the query as it ran before) and through {@link TenantReader}
 * as the read-only role (one extra round trip per checkout, the policy's filter). Target: at most 1 ms more at p50.
 */
public final class TenantScopeBenchmark {

    private static final String PANEL = """
            SELECT resource_id, (date_part('epoch', public.time_bucket(make_interval(secs => 60), bucket)) * 1000)::bigint AS t, avg(avg_val)
              FROM rootscope.metric_1m
             WHERE tenant_id = ? AND resource_id = ANY (?) AND metric = 'latency' AND bucket >= ? AND bucket < ?
             GROUP BY resource_id, t ORDER BY resource_id, t""";

    private TenantScopeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        try (TestDatabase database = TestDatabase.createMigrated()) {
            Rows.execute(database.dataSource(), """
                    INSERT INTO dim_tenant (code, name) VALUES ('other', 'Other');
                    INSERT INTO dim_resource (tenant_id, urn, type, name)
                    SELECT t.tenant_id, 'urn:k8s:svc:bench/svc-' || s, 'service', 'svc-' || s FROM dim_tenant t, generate_series(1, 50) s;
                    INSERT INTO metric_1m (bucket, tenant_id, resource_id, metric, avg_val, max_val, p95_val, sample_count)
                    SELECT date_trunc('minute', now()) - m * interval '1 minute', r.tenant_id, r.resource_id, 'latency', m % 17, m % 23, m % 29, 4
                      FROM dim_resource r, generate_series(1, 1440) m;
                    ANALYZE""");
            Long[] resources = Rows.column(database.dataSource(),
                    "SELECT resource_id FROM dim_resource WHERE tenant_id = 1 ORDER BY resource_id LIMIT 5").stream().map(Long::valueOf).toArray(Long[]::new);
            Instant to = Instant.now().truncatedTo(ChronoUnit.MINUTES);
            Timestamp from = Timestamp.from(to.minus(1, ChronoUnit.HOURS));
            HikariDataSource reader = DataSourceFactory.create(database.readerSettings(), "bench-tenant-reader");
            try (reader) {
                DSLContext scoped = new TenantReader(ReadRouting.primaryOnly(reader), new Settings()).forTenant(1);
                javax.sql.DataSource owner = database.dataSource();
                long[] before = new long[iterations];
                long[] after = new long[iterations];
                int rowsBefore = 0;
                int rowsAfter = 0;
                for (int warm = 0; warm < 2; warm++) {
                    for (int i = 0; i < iterations; i++) {
                        long start = System.nanoTime();
                        rowsBefore = panel(owner.getConnection(), resources, from, to);
                        before[i] = System.nanoTime() - start;
                        start = System.nanoTime();
                        rowsAfter = scoped.connectionResult(connection -> panel(connection, resources, from, to));
                        after[i] = System.nanoTime() - start;
                    }
                }
                System.out.printf("metrics panel (5 services, 1 h of minutes, %d rows), %d runs each:%n", rowsBefore, iterations);
                System.out.printf("  application role, no row security, no setting: p50 %.2f ms, p95 %.2f ms%n", ms(before, 50), ms(before, 95));
                System.out.printf("  read-only role via TenantReader (setting + policy): p50 %.2f ms, p95 %.2f ms (%d rows)%n", ms(after, 50), ms(after, 95), rowsAfter);
                System.out.printf("  difference at p50: %.2f ms (target: at most 1 ms)%n", ms(after, 50) - ms(before, 50));
            }
        }
    }

    private static int panel(Connection connection, Long[] resources, Timestamp from, Instant to) throws SQLException {
        try (connection; PreparedStatement statement = connection.prepareStatement(PANEL)) {
            statement.setLong(1, 1);
            statement.setArray(2, connection.createArrayOf("bigint", resources));
            statement.setTimestamp(3, from);
            statement.setTimestamp(4, Timestamp.from(to));
            int rows = 0;
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows++;
                }
            }
            return rows;
        }
    }

    private static double ms(long[] nanos, int percentile) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, sorted.length * percentile / 100)] / 1e6;
    }
}
