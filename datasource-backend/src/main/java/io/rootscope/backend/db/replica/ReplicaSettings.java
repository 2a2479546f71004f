package io.rootscope.backend.db.replica;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.UUID;

/**
 * This backend among the replicas sharing its database: its id (unique per running process), how often it renews its
 * heartbeat and how old a heartbeat may get before another replica takes its claimed work over. With the defaults a
 * dead replica's windows are free 15 s after its last heartbeat, and taken at the next ETL tick of another (10 s).
 */
public record ReplicaSettings(String id, Duration heartbeat, Duration lease) {

    public static final Duration HEARTBEAT_DEFAULT = Duration.ofSeconds(5);
    public static final Duration LEASE_DEFAULT = Duration.ofSeconds(15);

    public ReplicaSettings {
        if (id.isBlank()) {
            throw new IllegalArgumentException("the replica id must not be blank");
        }
        if (heartbeat.isNegative() || heartbeat.isZero()) {
            throw new IllegalArgumentException("the heartbeat must be positive, got " + heartbeat);
        }
        // Two heartbeats may be missed (a slow database, a long pause) before the replica's work is taken over.
        if (lease.compareTo(heartbeat.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("the lease (" + lease + ") must be at least twice the heartbeat (" + heartbeat + ")");
        }
    }

    /** A replica of the default timing with {@link #defaultId()}. */
    public static ReplicaSettings defaults() {
        return new ReplicaSettings(defaultId(), HEARTBEAT_DEFAULT, LEASE_DEFAULT);
    }

    /** Host, process id and a random part: unique even for a restarted container that reuses its host name and pid. */
    public static String defaultId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        return host + "-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public ReplicaSettings withId(String newId) {
        return new ReplicaSettings(newId, heartbeat, lease);
    }
}
