package io.rootscope.backend.etl.runtime;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays too long to answer within one request, run in the background: at most {@link #ACTIVE_MAX} queued or running
 * at once (more are refused, so replays cannot pile up), and the last {@link #REMEMBERED_MAX} kept with the outcome
 * of each window for their status endpoint (the oldest finished ones are forgotten first).
 */
public final class ReplayJobs implements AutoCloseable {

    public static final int ACTIVE_MAX = 2;
    public static final int REMEMBERED_MAX = 100;

    private static final Logger LOG = LoggerFactory.getLogger(ReplayJobs.class);

    public enum State { QUEUED, RUNNING, DONE, FAILED }

    /** What a background replay has done so far: its windows' runs, oldest first. */
    public record Progress(UUID id, ReplayRequest request, int windows, State state, List<WindowRun> runs, String error) {
    }

    private final ReplayService replays;
    private final ExecutorService workers = Executors.newFixedThreadPool(ACTIVE_MAX, runnable -> {
        Thread thread = new Thread(runnable, "etl-replay");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<UUID, Job> jobs = new LinkedHashMap<>();

    public ReplayJobs(ReplayService replays) {
        this.replays = replays;
    }

    /** @return the new job's id, or empty when {@link #ACTIVE_MAX} replays are queued or running already */
    public synchronized Optional<UUID> submit(ReplayService.Plan plan) {
        if (jobs.values().stream().filter(Job::active).count() >= ACTIVE_MAX) {
            return Optional.empty();
        }
        Job job = new Job(UUID.randomUUID(), plan);
        jobs.put(job.id, job);
        forgetOldFinished();
        workers.execute(() -> run(job));
        return Optional.of(job.id);
    }

    public synchronized Optional<Progress> progress(UUID id) {
        return Optional.ofNullable(jobs.get(id)).map(Job::progress);
    }

    private void run(Job job) {
        job.state = State.RUNNING;
        try {
            for (EtlWindow window : job.plan.windows()) {
                if (Thread.currentThread().isInterrupted()) {
                    job.fail("stopped with the backend before window " + window.from());
                    return;
                }
                WindowRun run = replays.run(job.plan, window);
                synchronized (job) {
                    job.runs.add(run);
                }
            }
            job.state = State.DONE;
        } catch (SQLException | RuntimeException e) {
            // The windows that ran are kept, each exactly once: a new replay of the range runs the rest.
            LOG.warn("replay {} of {} stopped: {}", job.id, job.plan.request().job(), e.getMessage());
            job.fail("stopped after " + job.progress().runs().size() + " windows: " + e.getMessage());
        }
    }

    private void forgetOldFinished() {
        Iterator<Job> oldestFirst = jobs.values().iterator();
        while (jobs.size() > REMEMBERED_MAX && oldestFirst.hasNext()) {
            if (!oldestFirst.next().active()) {
                oldestFirst.remove();
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        workers.shutdownNow();
        workers.awaitTermination(30, TimeUnit.SECONDS);
    }

    private static final class Job {

        final UUID id;
        final ReplayService.Plan plan;
        final List<WindowRun> runs = new ArrayList<>();
        volatile State state = State.QUEUED;
        volatile String error;

        Job(UUID id, ReplayService.Plan plan) {
            this.id = id;
            this.plan = plan;
        }

        boolean active() {
            return state == State.QUEUED || state == State.RUNNING;
        }

        void fail(String why) {
            error = why;
            state = State.FAILED;
        }

        synchronized Progress progress() {
            return new Progress(id, plan.request(), plan.windows().size(), state, List.copyOf(runs), error);
        }
    }
}
