package io.rootscope.e2e;

import io.rootscope.backend.testing.Rows;
import io.rootscope.backend.testing.TestDatabase;
import io.rootscope.demo.DemoStack;
import io.rootscope.demo.StackSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The stack of {@link ReplicasTest} and {@link ReplicasBenchmark}: a fresh database with a streaming standby, {@code count}
 * backend processes of the unpacked release reading panels from the standby ({@link ReplicaSet}), Prometheus and the Sock
 * Shop simulator feeding them ({@link DemoStack}, tenant {@value DemoStack#TENANT_DEFAULT}), and a tenant of its own for
 * the pushes. {@link #close()} stops them in reverse order.
 */
final class ReplicatedStack implements AutoCloseable {

    final TestDatabase database;
    final Standby standby;
    final DemoStack stack;
    final ReplicaSet replicas;
    /** The id of the pushes' tenant. */
    final long tenantId;

    private ReplicatedStack(TestDatabase database, Standby standby, DemoStack stack, ReplicaSet replicas, long tenantId) {
        this.database = database;
        this.standby = standby;
        this.stack = stack;
        this.replicas = replicas;
        this.tenantId = tenantId;
    }

    static ReplicatedStack start(Path release, int count, Duration warmup, String tenant, Consumer<String> progress) throws Exception {
        TestDatabase database = TestDatabase.createEmpty();
        Standby standby = null;
        DemoStack stack = null;
        try {
            standby = Standby.of(database);
            List<ReplicaSet> started = new ArrayList<>();
            stack = DemoStack.start(ReplicaSet.starter(release, database, standby.jdbcUrl(), count, started), StackSettings.demo(warmup),
                    DemoStack.TENANT_DEFAULT, progress);
            long tenantId = Long.parseLong(Rows.single(database.dataSource(),
                    "INSERT INTO dim_tenant (code, name) VALUES ('" + tenant + "', '" + tenant + "') RETURNING tenant_id"));
            return new ReplicatedStack(database, standby, stack, started.get(0), tenantId);
        } catch (Exception | Error e) {
            close(database, standby, stack);
            throw e;
        }
    }

    @Override
    public void close() throws Exception {
        close(database, standby, stack);
    }

    /** Closes what was started, the stack first; a resource not started is null. */
    private static void close(TestDatabase database, Standby standby, DemoStack stack) throws Exception {
        try (database; standby; stack) {
            // try-with-resources closes them in reverse order, each even when closing another failed.
        }
    }
}
