package io.rootscope.e2e;

import io.rootscope.backend.testing.Rows;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;

/**
 * The ETL windows a replica holds ({@code etl_job_run} rows it claimed and has not finished), and how long after its
 * death another replica takes them over: claims them (the row names another replica) and finishes them.
 */
final class Takeover {

    static final Duration POLL = Duration.ofMillis(100);

    private Takeover() {
    }

    /** The windows {@code replica} holds, as soon as it holds any; empty after {@code limit}. */
    static Set<Long> awaitHeld(DataSource db, String replica, Duration limit) throws SQLException, InterruptedException {
        Instant deadline = Instant.now().plus(limit);
        Set<Long> held = held(db, replica);
        while (held.isEmpty() && Instant.now().isBefore(deadline)) {
            Thread.sleep(POLL.toMillis());
            held = held(db, replica);
        }
        return held;
    }

    private static Set<Long> held(DataSource db, String replica) throws SQLException {
        return ids(Rows.column(db, "SELECT run_id FROM etl_job_run WHERE status = 'running' AND replica_id = '" + replica + "'"));
    }

    /** Of {@code windows}, those {@code replica} still holds (no other replica claimed them). */
    static List<String> stillHeld(DataSource db, Set<Long> windows, String replica) throws SQLException {
        return Rows.column(db, "SELECT job || ' ' || window_from FROM etl_job_run WHERE run_id = ANY (ARRAY[" + join(windows)
                + "]::bigint[]) AND status = 'running' AND replica_id = '" + replica + "'");
    }

    /** Of {@code windows}, those not finished. */
    static List<String> unfinished(DataSource db, Set<Long> windows) throws SQLException {
        return Rows.column(db, "SELECT job || ' ' || window_from || ': ' || status || coalesce(' by ' || replica_id, '')"
                + " FROM etl_job_run WHERE run_id = ANY (ARRAY[" + join(windows) + "]::bigint[]) AND status <> 'succeeded'");
    }

    /** Every ETL window with more than one attempt, but {@code except}: how each ended. */
    static List<String> runTwice(DataSource db, Set<Long> except) throws SQLException {
        return Rows.column(db, "SELECT job || ' ' || window_from || ': ' || attempts || ' attempts, ' || status || coalesce(' ' || last_error, '')"
                + " FROM etl_job_run WHERE attempts > 1 AND run_id <> ALL (ARRAY[" + join(except) + "]::bigint[])");
    }

    /**
     * Waits for a window of replica {@code victim} to be running, kills the replica, and prints how long after the kill its
     * windows were claimed by another replica, and finished.
     */
    static void measure(DataSource db, ReplicaSet replicas, int victim, Duration limit) throws SQLException, InterruptedException {
        String id = replicas.id(victim);
        Set<Long> held = awaitHeld(db, id, limit);
        Instant killedAt = Instant.now();
        replicas.kill(victim);
        if (held.isEmpty()) {
            System.out.println("takeover: " + id + " held no ETL window within " + limit.toSeconds() + " s before its SIGKILL");
            return;
        }
        Duration claimed = await(() -> stillHeld(db, held, id).isEmpty(), killedAt, limit);
        Duration finished = await(() -> unfinished(db, held).isEmpty(), killedAt, limit);
        System.out.printf(Locale.ROOT, "takeover: SIGKILL to %s holding %d ETL window%s; claimed by another replica after %s, finished after %s (goal < 30 s)%n",
                id, held.size(), held.size() == 1 ? "" : "s", seconds(claimed), seconds(finished));
    }

    /** A check of the database. */
    @FunctionalInterface
    interface Check {
        boolean holds() throws SQLException;
    }

    /** From {@code since} until {@code check} holds; null when it does not within {@code limit}. */
    private static Duration await(Check check, Instant since, Duration limit) throws SQLException, InterruptedException {
        Instant deadline = since.plus(limit);
        while (!check.holds()) {
            if (Instant.now().isAfter(deadline)) {
                return null;
            }
            Thread.sleep(POLL.toMillis());
        }
        return Duration.between(since, Instant.now());
    }

    private static String seconds(Duration duration) {
        return duration == null ? "more than the limit" : String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }

    private static Set<Long> ids(List<String> column) {
        return new TreeSet<>(column.stream().map(Long::parseLong).toList());
    }

    static String join(Set<Long> ids) {
        return String.join(",", new TreeSet<>(ids).stream().map(String::valueOf).toList());
    }
}
