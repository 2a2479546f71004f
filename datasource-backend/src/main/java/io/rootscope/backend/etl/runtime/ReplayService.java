package io.rootscope.backend.etl.runtime;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Re-runs a job's windows over a past range, even windows that succeeded (e.g. after a source backfilled data
 * or a bug was fixed). Refuses, with an {@link IllegalArgumentException} naming the field: an unknown job or
 * tenant, a range that is empty or reversed, a range reaching into the future or past the last window the
 * scheduler has reached (the scheduler continues from there, so a replayed window beyond it would leave a gap
 * behind), ends not aligned to the job's windows, or more than {@link #MAX_WINDOWS} windows at once.
 */
public final class ReplayService {

    public static final int MAX_WINDOWS = 10_000;

    private final JobRegistry jobs;
    private final TenantDirectory tenants;
    private final JobRunStore runs;
    private final WindowRunner runner;
    private final Clock clock;

    public ReplayService(JobRegistry jobs, TenantDirectory tenants, JobRunStore runs, WindowRunner runner, Clock clock) {
        this.jobs = jobs;
        this.tenants = tenants;
        this.runs = runs;
        this.runner = runner;
        this.clock = clock;
    }

    /** The windows a validated replay request covers, to run now or in the background ({@link ReplayJobs}). */
    public record Plan(ReplayRequest request, ScheduledJob scheduled, List<EtlWindow> windows) {
    }

    /** @return the run of each window, oldest first */
    public List<WindowRun> replay(ReplayRequest request) throws SQLException {
        Plan plan = plan(request);
        List<WindowRun> results = new ArrayList<>();
        for (EtlWindow window : plan.windows()) {
            results.add(run(plan, window));
        }
        return results;
    }

    /** Runs one window of a plan again. */
    public WindowRun run(Plan plan, EtlWindow window) throws SQLException {
        return runner.replay(plan.scheduled().job(), plan.scheduled().tenantId(), window);
    }

    /** Validates a request (see the class comment) and splits its range into the job's windows. */
    public Plan plan(ReplayRequest request) throws SQLException {
        if (request.job() == null || request.job().isBlank()) {
            throw new IllegalArgumentException("job must not be empty");
        }
        if (request.tenant() == null || request.tenant().isBlank()) {
            throw new IllegalArgumentException("tenant must not be empty");
        }
        if (request.from() == null) {
            throw new IllegalArgumentException("from must be set");
        }
        if (request.to() == null) {
            throw new IllegalArgumentException("to must be set");
        }
        if (!request.from().isBefore(request.to())) {
            throw new IllegalArgumentException("from " + request.from() + " must be before to " + request.to());
        }
        Instant now = clock.instant();
        if (request.to().isAfter(now)) {
            throw new IllegalArgumentException("to " + request.to() + " is in the future (now " + now + "): only past windows can be replayed");
        }
        long tenantId = tenants.idOf(request.tenant())
                .orElseThrow(() -> new IllegalArgumentException("tenant: no tenant with code '" + request.tenant() + "'"));
        ScheduledJob scheduled = jobs.find(request.job(), tenantId)
                .orElseThrow(() -> new IllegalArgumentException("job: no job named '" + request.job() + "' for tenant '" + request.tenant() + "'"));
        WindowSchedule schedule = scheduled.job().schedule();
        long count = Duration.between(request.from(), request.to()).dividedBy(schedule.size());
        if (count > MAX_WINDOWS) {
            throw new IllegalArgumentException("to: the range spans " + count + " windows of " + schedule.size()
                    + ", more than " + MAX_WINDOWS + " at once");
        }
        List<EtlWindow> windows = schedule.split(request.from(), request.to());
        Instant frontier = runs.frontier(request.job(), tenantId);
        if (frontier == null || request.to().isAfter(frontier)) {
            throw new IllegalArgumentException("to " + request.to() + " is past the last window the scheduler has reached ("
                    + (frontier == null ? "none yet" : frontier) + "): later windows run on schedule");
        }
        return new Plan(request, scheduled, windows);
    }
}
