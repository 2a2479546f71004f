package io.rootscope.backend.etl.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rootscope.analytics.topology.Urn;
import io.rootscope.backend.etl.MutableClock;
import io.rootscope.backend.etl.TestTenant;
import io.rootscope.backend.etl.write.ObservedResource;
import io.rootscope.backend.etl.write.ResourceResolver;
import io.rootscope.backend.testing.TestDatabase;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReplayServiceTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:05:30Z");
    private final DataSource db = TestDatabase.shared().dataSource();
    private TestTenant tenant;
    private SampleWritingJob job;
    private WindowRunner runner;
    private ReplayService replay;

    @BeforeEach
    void setUp() throws SQLException {
        tenant = TestTenant.create(db, "replay");
        long resource = new ResourceResolver(db).resolve(tenant.id(), ObservedResource.service(Urn.k8sService("ns", "carts")));
        job = new SampleWritingJob("ingest", "source-replay", JobStage.INGEST, resource);
        MutableClock clock = new MutableClock(NOW);
        JobRunStore runs = new JobRunStore(db);
        runner = new WindowRunner(db, runs, new CircuitBreaker(db), RetryPolicy.DEFAULT, new EtlMetrics(), clock);
        replay = new ReplayService(new JobRegistry(List.of(new ScheduledJob(job, tenant.id()))), new TenantDirectory(DSL.using(db, SQLDialect.POSTGRES)), runs, runner, clock);
    }

    @Test
    void reRunsWindowsEvenWhenTheySucceeded() throws SQLException {
        EtlWindow first = new EtlWindow(t("09:58"), t("09:59"));
        EtlWindow second = new EtlWindow(t("09:59"), t("10:00"));
        assertEquals(WindowRunStatus.SUCCEEDED, runner.run(job, tenant.id(), first).status());
        assertEquals(WindowRunStatus.SUCCEEDED, runner.run(job, tenant.id(), second).status());
        assertEquals(WindowRunStatus.NOT_CLAIMED, runner.run(job, tenant.id(), first).status());

        List<WindowRun> runs = replay.replay(new ReplayRequest("ingest", tenant.code(), t("09:58"), t("10:00")));

        assertEquals(List.of(first, second), runs.stream().map(WindowRun::window).toList());
        assertTrue(runs.stream().allMatch(r -> r.status() == WindowRunStatus.SUCCEEDED));
        assertEquals(4, job.runs.get());
        assertField("to", new ReplayRequest("ingest", tenant.code(), t("09:59"), t("10:01")), "past the last window the scheduler has reached");
    }

    @Test
    void refusesBadRequestsNamingTheField() {
        assertField("job", new ReplayRequest(" ", tenant.code(), t("09:58"), t("09:59")));
        assertField("tenant", new ReplayRequest("ingest", null, t("09:58"), t("09:59")));
        assertField("from", new ReplayRequest("ingest", tenant.code(), null, t("09:59")));
        assertField("to", new ReplayRequest("ingest", tenant.code(), t("09:58"), null));
        assertField("from", new ReplayRequest("ingest", tenant.code(), t("09:59"), t("09:59")));
        assertField("from", new ReplayRequest("ingest", tenant.code(), t("09:59"), t("09:58")));
        assertField("to", new ReplayRequest("ingest", tenant.code(), t("10:05"), t("10:06")), "is in the future");
        assertField("tenant", new ReplayRequest("ingest", "no-such-tenant", t("09:58"), t("09:59")));
        assertField("job", new ReplayRequest("nope", tenant.code(), t("09:58"), t("09:59")));
        assertField("from", new ReplayRequest("ingest", tenant.code(), t("09:58").plusSeconds(1), t("09:59")), "aligned");
        assertField("to", new ReplayRequest("ingest", tenant.code(), t("09:58"), t("09:59")), "none yet");
        assertField("to", new ReplayRequest("ingest", tenant.code(), t("09:58").minus(Duration.ofDays(7)), t("09:59")));
        assertEquals(0, job.runs.get());
    }

    private void assertField(String field, ReplayRequest request) {
        assertField(field, request, "");
    }

    private void assertField(String field, ReplayRequest request, String reason) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> replay.replay(request));
        assertTrue(refused.getMessage().startsWith(field + " ") || refused.getMessage().startsWith(field + ":"),
                "expected the message to name " + field + ": " + refused.getMessage());
        assertTrue(refused.getMessage().contains(reason), refused.getMessage());
    }

    private static Instant t(String hhmm) {
        return Instant.parse("2026-11-22T" + hhmm + ":00Z");
    }
}
