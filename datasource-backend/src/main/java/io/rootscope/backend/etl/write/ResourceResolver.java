package io.rootscope.backend.etl.write;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * Turns URNs into {@code dim_resource} ids, inserting resources seen for the first time, and caches the answer.
 * It commits on a connection of its own: an id cached from a caller's transaction that later rolled back would
 * point at nothing. Type and name of an existing resource are left as first recorded.
 *
 * <p>Resolve before the first write of a transaction, not in between: when a write creates a new chunk of a
 * hypertable with a foreign key to {@code dim_resource} (e.g. {@code metric_1m}), TimescaleDB locks
 * {@code dim_resource} against inserts until that transaction ends, and the resolver's own connection would wait
 * for it forever.
 */
// JDBC: bulk writes: a push's or a run's resources upserted in one batch (db/package-info).
public final class ResourceResolver {

    private static final String INSERT = """
            INSERT INTO rootscope.dim_resource (tenant_id, urn, type, name) VALUES (?, ?, ?, ?)
            ON CONFLICT ON CONSTRAINT dim_resource_urn_uq DO NOTHING
            RETURNING resource_id""";
    private static final String SELECT = "SELECT resource_id FROM rootscope.dim_resource WHERE tenant_id = ? AND urn = ?";

    private record Key(long tenantId, String urn) {
    }

    private final DataSource dataSource;
    private final Map<Key, Long> cache = new ConcurrentHashMap<>();

    public ResourceResolver(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public long resolve(long tenantId, ObservedResource resource) throws SQLException {
        return resolveAll(tenantId, List.of(resource)).get(resource.urn());
    }

    /** @return the id of every resource, by URN */
    public Map<String, Long> resolveAll(long tenantId, Collection<ObservedResource> resources) throws SQLException {
        Map<String, Long> ids = new LinkedHashMap<>();
        Map<String, ObservedResource> missing = new LinkedHashMap<>();
        for (ObservedResource resource : resources) {
            Long cached = cache.get(new Key(tenantId, resource.urn()));
            if (cached != null) {
                ids.put(resource.urn(), cached);
            } else {
                missing.putIfAbsent(resource.urn(), resource);
            }
        }
        if (missing.isEmpty()) {
            return ids;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(INSERT);
             PreparedStatement select = connection.prepareStatement(SELECT)) {
            connection.setAutoCommit(true);
            for (ObservedResource resource : missing.values()) {
                long id = insertOrFind(tenantId, resource, insert, select);
                cache.put(new Key(tenantId, resource.urn()), id);
                ids.put(resource.urn(), id);
            }
        }
        return ids;
    }

    private static long insertOrFind(long tenantId, ObservedResource resource, PreparedStatement insert,
                                     PreparedStatement select) throws SQLException {
        insert.setLong(1, tenantId);
        insert.setString(2, resource.urn());
        insert.setString(3, resource.type());
        insert.setString(4, resource.name());
        try (ResultSet rows = insert.executeQuery()) {
            if (rows.next()) {
                return rows.getLong(1);
            }
        }
        select.setLong(1, tenantId);
        select.setString(2, resource.urn());
        try (ResultSet rows = select.executeQuery()) {
            if (!rows.next()) {
                throw new SQLException("resource " + resource.urn() + " of tenant " + tenantId + " neither inserted nor found");
            }
            return rows.getLong(1);
        }
    }
}
