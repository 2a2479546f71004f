package io.rootscope.backend.graph;

import io.rootscope.backend.db.ResultRows;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.LongStream;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Every edge interval of a tenant's {@code topo_edge_time}, in memory as parallel arrays (about 35 bytes an interval),
 * kept while the tenant's topology revisions (V013) are unchanged. A whole-tenant topology at some time T must look at
 * every edge to rank its nodes: 77k edges at 10k resources, ~50 ms to rank in SQL, a few milliseconds over these arrays.
 * The tenants used least recently are dropped once all of them hold more than a budget of intervals.
 */
public final class TopologyEdgeCache {

    /** The relations of {@code topo_edge_time}, by their index in {@link Edges#relation}. */
    public static final List<String> RELATIONS = List.of("CALLS", "CONNECTS_TO", "RUNS_ON");

    /** Intervals kept across tenants, about 70 MB: a few hundred tenants of the benchmark's size. */
    public static final long MAX_INTERVALS_DEFAULT = 2_000_000;

    /**
     * The intervals of one tenant: edge {@code e} links {@code resourceIds[source[e]]} to {@code resourceIds[target[e]]}
     * over [validFrom[e], validTo[e]) in epoch microseconds (validTo Long.MAX_VALUE while open); rps and errRate are a
     * call's properties, NaN when absent.
     */
    public record Edges(String revision, long[] resourceIds, int[] source, int[] target, byte[] relation, long[] validFrom,
                        long[] validTo, float[] rps, float[] errRate, long[] boundaries, Map<Object, Object> memo) {

        /** Answers kept per snapshot; a handful suffice (a few panels, relations and limits at the current time). */
        static final int MEMO_SIZE = 32;

        public int size() {
            return source.length;
        }

        public boolean validAt(int edge, long epochMicros) {
            return validFrom[edge] <= epochMicros && epochMicros < validTo[edge];
        }

        /**
         * Which edges are valid at a time depends only on how many interval bounds lie at or before it: two times with
         * the same count see the same topology (every time after the latest change, for one).
         */
        public int period(long epochMicros) {
            int found = Arrays.binarySearch(boundaries, epochMicros);
            return found >= 0 ? found + 1 : -found - 1;
        }

        /** {@code compute(key)}, computed once per snapshot; keys should include the {@link #period} they hold for. */
        @SuppressWarnings("unchecked")
        public <T> T remember(Object key, Function<Object, T> compute) {
            synchronized (memo) {
                Object known = memo.get(key);
                if (known != null) {
                    return (T) known;
                }
            }
            T value = compute.apply(key);
            synchronized (memo) {
                memo.put(key, value);
            }
            return value;
        }
    }

    private static final String REVISION = """
            SELECT coalesce(string_agg(relation || '=' || revision, ',' ORDER BY relation), '')
              FROM rootscope.topology_revision WHERE tenant_id = {0}""";

    private static final String EDGES = """
            SELECT src_resource_id, dst_resource_id, relation,
                   (extract(epoch FROM lower(valid)) * 1000000)::bigint,
                   CASE WHEN upper_inf(valid) THEN NULL ELSE (extract(epoch FROM upper(valid)) * 1000000)::bigint END,
                   CASE WHEN relation = 'CALLS' AND jsonb_typeof(props -> 'rps') = 'number' THEN (props ->> 'rps')::float8 END,
                   CASE WHEN relation = 'CALLS' AND jsonb_typeof(props -> 'err_rate') = 'number' THEN (props ->> 'err_rate')::float8 END
              FROM rootscope.topo_edge_time
             WHERE tenant_id = {0}
             ORDER BY relation, src_resource_id, dst_resource_id, lower(valid)""";

    private final long maxIntervals;
    /** Least recently used first; guarded by itself, as is {@link #held}. */
    private final Map<Long, Edges> byTenant = new LinkedHashMap<>(16, 0.75f, true);
    private long held;
    private final Map<Long, Object> loading = new ConcurrentHashMap<>();

    public TopologyEdgeCache() {
        this(MAX_INTERVALS_DEFAULT);
    }

    /** @param maxIntervals intervals kept across tenants; one tenant above it is still kept, alone */
    public TopologyEdgeCache(long maxIntervals) {
        this.maxIntervals = maxIntervals;
    }

    /** The tenant's edges as of now: those in memory if its revisions have not moved, else read again. */
    public Edges edges(DSLContext db, long tenantId) {
        String revision = db.resultQuery(REVISION, DSL.val(tenantId)).fetchSingle(0, String.class);
        Edges cached = cached(tenantId);
        if (cached != null && cached.revision().equals(revision)) {
            return cached;
        }
        // One reader per tenant at a time; the revision is read before the edges, so a write in between only makes the
        // next request read them again.
        synchronized (loading.computeIfAbsent(tenantId, id -> new Object())) {
            cached = cached(tenantId);
            if (cached != null && cached.revision().equals(revision)) {
                return cached;
            }
            Edges edges = load(db, tenantId, revision);
            keep(tenantId, edges);
            return edges;
        }
    }

    private Edges cached(long tenantId) {
        synchronized (byTenant) {
            return byTenant.get(tenantId);
        }
    }

    private void keep(long tenantId, Edges edges) {
        synchronized (byTenant) {
            Edges replaced = byTenant.put(tenantId, edges);
            held += edges.size() - (replaced == null ? 0 : replaced.size());
            Iterator<Map.Entry<Long, Edges>> leastRecent = byTenant.entrySet().iterator();
            while (held > maxIntervals && byTenant.size() > 1) {
                Map.Entry<Long, Edges> entry = leastRecent.next();
                if (entry.getKey() != tenantId) {
                    held -= entry.getValue().size();
                    leastRecent.remove();
                }
            }
        }
    }

    private static Edges load(DSLContext db, long tenantId, String revision) {
        Map<Long, Integer> index = new HashMap<>();
        List<Long> resourceIds = new ArrayList<>();
        Columns c = new Columns();
        ResultRows.forEach(db.resultQuery(EDGES, DSL.val(tenantId)), rows -> {
            c.grow();
            int n = c.n;
            c.source[n] = index.computeIfAbsent(rows.getLong(1), id -> { resourceIds.add(id); return resourceIds.size() - 1; });
            c.target[n] = index.computeIfAbsent(rows.getLong(2), id -> { resourceIds.add(id); return resourceIds.size() - 1; });
            c.relation[n] = (byte) RELATIONS.indexOf(rows.getString(3));
            c.from[n] = rows.getLong(4);
            long upper = rows.getLong(5);
            c.to[n] = rows.wasNull() ? Long.MAX_VALUE : upper;
            double callRate = rows.getDouble(6);
            c.rps[n] = rows.wasNull() ? Float.NaN : (float) callRate;
            double errors = rows.getDouble(7);
            c.errRate[n] = rows.wasNull() ? Float.NaN : (float) errors;
            c.n++;
        });
        int n = c.n;
        long[] bounds = LongStream.concat(Arrays.stream(c.from, 0, n), Arrays.stream(c.to, 0, n))
                .filter(t -> t != Long.MAX_VALUE).sorted().distinct().toArray();
        Map<Object, Object> memo = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Object, Object> eldest) {
                return size() > Edges.MEMO_SIZE;
            }
        };
        return new Edges(revision, resourceIds.stream().mapToLong(Long::longValue).toArray(), Arrays.copyOf(c.source, n),
                Arrays.copyOf(c.target, n), Arrays.copyOf(c.relation, n), Arrays.copyOf(c.from, n), Arrays.copyOf(c.to, n),
                Arrays.copyOf(c.rps, n), Arrays.copyOf(c.errRate, n), bounds, memo);
    }

    /** The intervals read so far, in arrays grown by doubling; {@code n} of them are filled. */
    private static final class Columns {
        int n;
        int[] source = new int[1024];
        int[] target = new int[1024];
        byte[] relation = new byte[1024];
        long[] from = new long[1024];
        long[] to = new long[1024];
        float[] rps = new float[1024];
        float[] errRate = new float[1024];

        /** Room for one more interval. */
        void grow() {
            if (n == source.length) {
                int capacity = 2 * n;
                source = Arrays.copyOf(source, capacity);
                target = Arrays.copyOf(target, capacity);
                relation = Arrays.copyOf(relation, capacity);
                from = Arrays.copyOf(from, capacity);
                to = Arrays.copyOf(to, capacity);
                rps = Arrays.copyOf(rps, capacity);
                errRate = Arrays.copyOf(errRate, capacity);
            }
        }
    }
}
