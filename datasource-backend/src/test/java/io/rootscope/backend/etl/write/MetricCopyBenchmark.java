package io.rootscope.backend.etl.write;

import io.rootscope.analytics.topology.Urn;
import io.rootscope.backend.etl.TestTenant;
import io.rootscope.backend.testing.ProcessCpu;
import io.rootscope.backend.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import javax.sql.DataSource;

/**
 * Throughput of {@link MetricSampleWriter} into {@code metric_sample} on a test database: writes
 * {@code samples} rows (default 1,000,000: 200 resources x 5 metrics x 1,000 seconds) in one transaction,
 * then writes them again (the idempotent re-run), and prints samples per second of each. Because the machine
 * may be shared, it also prints the CPU time spent by the database backends (read from /proc when the server
 * runs on this host) and by this JVM, and the samples per CPU-second that follow from them.
 * Run: {@code java -cp <test classpath> io.rootscope.backend.etl.write.MetricCopyBenchmark [samples]}.
 */
public final class MetricCopyBenchmark {

    private static final int RESOURCES = 200;
    private static final String[] METRICS = {"cpu", "memory", "latency", "throughput", "availability"};

    private MetricCopyBenchmark() {
    }

    public static void main(String[] args) throws SQLException {
        int samples = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        try (TestDatabase database = TestDatabase.createMigrated()) {
            DataSource db = database.dataSource();
            TestTenant tenant = TestTenant.create(db, "bench");
            ResourceResolver resolver = new ResourceResolver(db);
            List<Long> resources = new ArrayList<>();
            for (int r = 0; r < RESOURCES; r++) {
                resources.add(resolver.resolve(tenant.id(), ObservedResource.service(Urn.k8sService("bench", "svc-" + r))));
            }
            MetricSampleWriter writer = new MetricSampleWriter();
            for (String run : new String[] {"first write", "re-run (all conflicts)"}) {
                long inserted;
                double seconds;
                double backendCpu;
                double jvmCpu;
                try (Connection connection = db.getConnection()) {
                    connection.setAutoCommit(false);
                    double backendBefore = ProcessCpu.databaseSeconds(connection);
                    double jvmBefore = ProcessCpu.jvmSeconds();
                    long start = System.nanoTime();
                    inserted = writer.write(connection, tenant.id(), () -> generate(resources, samples));
                    connection.commit();
                    seconds = (System.nanoTime() - start) / 1e9;
                    backendCpu = ProcessCpu.databaseSeconds(connection) - backendBefore;
                    jvmCpu = ProcessCpu.jvmSeconds() - jvmBefore;
                }
                System.out.printf("MetricCopyBenchmark %s: %,d samples (%,d inserted) in %.2f s = %,.0f samples/s"
                                + " | CPU: backend %.2f s, JVM %.2f s = %,.0f samples per CPU-second%n",
                        run, samples, inserted, seconds, samples / seconds, backendCpu, jvmCpu, samples / (backendCpu + jvmCpu));
            }
        }
    }

    /** Samples one second apart, cycling over resources and metrics, generated while they are written. */
    private static Iterator<MetricSampleRow> generate(List<Long> resources, int count) {
        Instant t0 = Instant.parse("2026-11-22T00:00:00Z");
        int perSecond = resources.size() * METRICS.length;
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < count;
            }

            @Override
            public MetricSampleRow next() {
                if (next >= count) {
                    throw new NoSuchElementException();
                }
                int i = next++;
                int series = i % perSecond;
                return new MetricSampleRow(resources.get(series / METRICS.length), METRICS[series % METRICS.length],
                        t0.plusSeconds(i / perSecond), (i % 1000) * 0.25);
            }
        };
    }
}
