package io.rootscope.backend.etl.runtime;

import io.rootscope.backend.etl.write.JdbcTime;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The notes in {@code pending_bucket} (V017) of five-minute buckets holding staged rows their aggregate has not
 * seen: pushes note the buckets they stage into, an aggregation run forgets the buckets it recomputes before reading
 * them, and the scheduler claims what is left once the buckets' windows are done. Every method runs on the caller's
 * transaction: a note is kept, forgotten or claimed together with the rows it is about.
 */
// JDBC: bulk writes and the ETL's runs: notes on the caller's transaction (a push's or a window run's) (db/package-info).
public final class PendingBucketStore {

    private static final long BUCKET_SECONDS = 300;

    // DO UPDATE rather than DO NOTHING: it row-locks an existing note, so an aggregation run forgetting it waits for
    // this push to commit and then reads its rows. Sorted, so concurrent pushes lock notes in one order.
    private static final String NOTE = """
            INSERT INTO rootscope.pending_bucket AS p (tenant_id, staged_table, bucket, noted_at)
            SELECT ?, ?, b.bucket, now()
              FROM (SELECT DISTINCT public.time_bucket(interval '5 minutes', t) AS bucket FROM unnest(?::timestamptz[]) AS t) b
             ORDER BY b.bucket
            ON CONFLICT ON CONSTRAINT pending_bucket_pk DO UPDATE SET noted_at = excluded.noted_at""";
    private static final String FORGET = """
            DELETE FROM rootscope.pending_bucket WHERE tenant_id = ? AND staged_table = ? AND bucket >= ? AND bucket < ?""";
    private static final String CLAIM = """
            SELECT bucket FROM rootscope.pending_bucket
             WHERE tenant_id = ? AND staged_table = ? AND bucket + interval '5 minutes' <= ?
             ORDER BY bucket LIMIT ?
               FOR UPDATE SKIP LOCKED""";

    /** Notes the buckets of {@code times} (record times as staged) as holding rows their aggregate has not seen. */
    public void note(Connection connection, long tenantId, String stagedTable, List<Instant> times) throws SQLException {
        if (times.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(NOTE)) {
            statement.setLong(1, tenantId);
            statement.setString(2, stagedTable);
            // One time per five-minute bucket (the SQL buckets it the same): a push's thousands of times are a handful.
            statement.setArray(3, connection.createArrayOf("timestamptz", times.stream()
                    .map(t -> Instant.ofEpochSecond(Math.floorDiv(t.getEpochSecond(), BUCKET_SECONDS) * BUCKET_SECONDS))
                    .distinct().map(Instant::toString).toArray()));
            statement.executeUpdate();
        }
    }

    /** Forgets the notes of the buckets starting in [from, to): call before reading those buckets' staged rows. */
    public void forget(Connection connection, long tenantId, String stagedTable, Instant from, Instant to) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(FORGET)) {
            statement.setLong(1, tenantId);
            statement.setString(2, stagedTable);
            statement.setObject(3, JdbcTime.timestamptz(from));
            statement.setObject(4, JdbcTime.timestamptz(to));
            statement.executeUpdate();
        }
    }

    /**
     * Locks up to {@code limit} notes of buckets that end by {@code doneUntil}, oldest first, skipping those another
     * transaction holds (a push in flight, another backend's scheduler); the caller recomputes them and forgets them
     * before it commits.
     */
    public List<Instant> claim(Connection connection, long tenantId, String stagedTable, Instant doneUntil, int limit)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(CLAIM)) {
            statement.setLong(1, tenantId);
            statement.setString(2, stagedTable);
            statement.setObject(3, JdbcTime.timestamptz(doneUntil));
            statement.setInt(4, limit);
            List<Instant> buckets = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    buckets.add(JdbcTime.instant(rows, "bucket"));
                }
            }
            return buckets;
        }
    }
}
