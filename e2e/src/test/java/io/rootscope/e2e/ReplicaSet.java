package io.rootscope.e2e;

import io.rootscope.backend.config.ConfigKey;
import io.rootscope.backend.db.DatabaseSettings;
import io.rootscope.backend.testing.TestDatabase;
import io.rootscope.demo.BackendStarter;
import io.rootscope.demo.ReleaseBackend;
import io.rootscope.demo.StackBackend;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Several backend processes of the release on one database, as a demo stack's backend: each with its own replica id
 * and ports, its panel reader on {@code readerUrl} (a streaming standby), all started at once (so they race for the
 * migration lock, as replicas of a deployment do). The stack's workload exports its traces and logs to the first.
 */
final class ReplicaSet implements StackBackend {

    private final List<ReleaseBackend> replicas;
    private final List<String> ids;
    private final boolean[] killed;

    private ReplicaSet(List<ReleaseBackend> replicas, List<String> ids) {
        this.replicas = replicas;
        this.ids = ids;
        this.killed = new boolean[replicas.size()];
    }

    /** Starts {@code count} replicas from the unpacked {@code release} when the stack starts its backend. */
    static BackendStarter starter(Path release, TestDatabase database, String readerUrl, int count, List<ReplicaSet> started) {
        return (settings, tenant, prometheusUrl) -> {
            List<CompletableFuture<ReleaseBackend>> starting = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String id = "replica-" + (char) ('a' + i);
                ids.add(id);
                Map<String, String> environment = environment(database, readerUrl, id);
                starting.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        return ReleaseBackend.start(release, environment, settings, tenant, prometheusUrl);
                    } catch (Exception e) {
                        throw new IllegalStateException(id + " did not start: " + e.getMessage(), e);
                    }
                }));
            }
            List<ReleaseBackend> replicas = new ArrayList<>();
            try {
                for (CompletableFuture<ReleaseBackend> replica : starting) {
                    replicas.add(replica.get());
                }
            } catch (ExecutionException e) {
                for (CompletableFuture<ReleaseBackend> replica : starting) {
                    replica.thenAccept(ReplicaSet::closeQuietly);
                }
                throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
            }
            ReplicaSet set = new ReplicaSet(replicas, ids);
            started.add(set);
            return set;
        };
    }

    /** A replica's ROOTSCOPE_* settings: the database's roles, any free ports, its id, its reader on the standby. */
    private static Map<String, String> environment(TestDatabase database, String readerUrl, String id) {
        DatabaseSettings writer = database.settings(TestDatabase.APP_ROLE, "rootscope");
        DatabaseSettings reader = database.readerSettings();
        Map<String, String> env = new HashMap<>();
        env.put(ConfigKey.JDBC_URL.key(), writer.jdbcUrl());
        env.put(ConfigKey.DB_USER.key(), writer.user());
        env.put(ConfigKey.DB_PASSWORD.key(), writer.password());
        env.put(ConfigKey.DB_READER_URL.key(), readerUrl);
        env.put(ConfigKey.DB_READER_USER.key(), reader.user());
        env.put(ConfigKey.DB_READER_PASSWORD.key(), reader.password());
        env.put(ConfigKey.REPLICA_ID.key(), id);
        env.put(ConfigKey.HTTP_PORT.key(), "0");
        env.put(ConfigKey.OTLP_GRPC_PORT.key(), "0");
        return env;
    }

    int size() {
        return replicas.size();
    }

    String id(int replica) {
        return ids.get(replica);
    }

    String url(int replica) {
        return replicas.get(replica).url();
    }

    long pid(int replica) {
        return replicas.get(replica).pid();
    }

    synchronized boolean alive(int replica) {
        return !killed[replica];
    }

    /** SIGKILL to one replica. */
    void kill(int replica) throws InterruptedException {
        synchronized (this) {
            killed[replica] = true;
        }
        replicas.get(replica).kill();
    }

    @Override
    public String url() {
        return url(0);
    }

    @Override
    public void close() {
        replicas.forEach(ReplicaSet::closeQuietly);
    }

    private static void closeQuietly(ReleaseBackend replica) {
        try {
            replica.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
