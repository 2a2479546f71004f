/**
 * Several backends on one database: each replica's identity and settings ({@link io.rootscope.backend.db.replica.ReplicaSettings}),
 * the heartbeat that proves it alive ({@code backend_replica}, {@link io.rootscope.backend.db.replica.ReplicaHeartbeat}) and
 * so keeps its ETL window claims, and the lease of work that runs at most once per period across replicas
 * ({@code replica_lease}, {@link io.rootscope.backend.db.replica.ReplicaLeases}). It uses nothing of the backend's other
 * packages but {@code db}'s generated tables.
 */
package io.rootscope.backend.db.replica;
