package io.rootscope.backend.etl.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rootscope.backend.etl.MutableClock;
import io.rootscope.backend.etl.TestTenant;
import io.rootscope.backend.etl.write.ResourceResolver;
import io.rootscope.backend.etl.write.ResourceUrns;
import io.rootscope.backend.testing.TestDatabase;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReplayServiceTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:30Z");
    private final DataSource db = TestDatabase.shared().dataSource();
    private TestTenant tenant;
    private SampleWritingJob job;
    private WindowRunner runner;
    private ReplayService replay;

    @BeforeEach
    void setUp() throws SQLException {
        tenant = TestTenant.create(db, "replay");
        long resource = new ResourceResolver(db).resolve(tenant.id(), ResourceUrns.k8sService("ns", "carts"));
        job = new SampleWritingJob("ingest", "source-replay", JobStage.INGEST, resource);
        MutableClock clock = new MutableClock(NOW);
        runner = new WindowRunner(db, new JobRunStore(db), new CircuitBreaker(db), RetryPolicy.DEFAULT, new EtlMetrics(), clock);
        replay = new ReplayService(new JobRegistry(List.of(new ScheduledJob(job, tenant.id()))), new TenantDirectory(db), runner, clock);
    }

    @Test
    void reRunsWindowsEvenWhenTheySucceeded() throws SQLException {
        EtlWindow done = new EtlWindow(t("09:58"), t("09:59"));
        assertEquals(WindowRunStatus.SUCCEEDED, runner.run(job, tenant.id(), done).status());
        assertEquals(WindowRunStatus.NOT_CLAIMED, runner.run(job, tenant.id(), done).status());

        List<WindowRun> runs = replay.replay(new ReplayRequest("ingest", tenant.code(), t("09:58"), t("10:00")));

        assertEquals(List.of(done, new EtlWindow(t("09:59"), t("10:00"))), runs.stream().map(WindowRun::window).toList());
        assertTrue(runs.stream().allMatch(r -> r.status() == WindowRunStatus.SUCCEEDED));
        assertEquals(3, job.runs.get());
    }

    @Test
    void refusesBadRequestsNamingTheField() {
        assertField("job", new ReplayRequest(" ", tenant.code(), t("09:58"), t("09:59")));
        assertField("tenant", new ReplayRequest("ingest", null, t("09:58"), t("09:59")));
        assertField("from", new ReplayRequest("ingest", tenant.code(), null, t("09:59")));
        assertField("to", new ReplayRequest("ingest", tenant.code(), t("09:58"), null));
        assertField("from", new ReplayRequest("ingest", tenant.code(), t("09:59"), t("09:59")));
        assertField("from", new ReplayRequest("ingest", tenant.code(), t("09:59"), t("09:58")));
        assertField("to", new ReplayRequest("ingest", tenant.code(), t("10:00"), t("10:01")));
        assertField("tenant", new ReplayRequest("ingest", "no-such-tenant", t("09:58"), t("09:59")));
        assertField("job", new ReplayRequest("nope", tenant.code(), t("09:58"), t("09:59")));
        assertField("from", new ReplayRequest("ingest", tenant.code(), t("09:58").plusSeconds(1), t("09:59")));
        assertField("to", new ReplayRequest("ingest", tenant.code(), t("09:58").minus(Duration.ofDays(7)), t("09:59")));
        assertEquals(0, job.runs.get());
    }

    private void assertField(String field, ReplayRequest request) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> replay.replay(request));
        assertTrue(refused.getMessage().startsWith(field + " ") || refused.getMessage().startsWith(field + ":"),
                "expected the message to name " + field + ": " + refused.getMessage());
    }

    private static Instant t(String hhmm) {
        return Instant.parse("2026-11-22T" + hhmm + ":00Z");
    }
}
