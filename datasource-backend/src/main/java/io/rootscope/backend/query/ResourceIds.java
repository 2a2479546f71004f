package io.rootscope.backend.query;

import static io.rootscope.backend.db.schema.Tables.DIM_RESOURCE;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.DSLContext;

/**
 * URN → {@code dim_resource} id of a tenant, cached once found: a resource keeps its id for good (the ETL's resolver relies
 * on the same), so a panel naming the same resources every refresh looks them up once. Unknown URNs are asked again each
 * time, since they may appear later.
 */
public final class ResourceIds {

    private record Key(long tenantId, String urn) {
    }

    private final Map<Key, Long> ids = new ConcurrentHashMap<>();

    /** @return id → URN of those of {@code urns} the tenant has, in URN order */
    public Map<Long, String> find(DSLContext db, long tenantId, Collection<String> urns) {
        TreeMap<String, Long> found = new TreeMap<>();
        List<String> missing = new ArrayList<>();
        for (String urn : urns) {
            Long id = ids.get(new Key(tenantId, urn));
            if (id != null) {
                found.put(urn, id);
            } else {
                missing.add(urn);
            }
        }
        if (!missing.isEmpty()) {
            db.select(DIM_RESOURCE.URN, DIM_RESOURCE.RESOURCE_ID).from(DIM_RESOURCE)
                    .where(DIM_RESOURCE.TENANT_ID.eq(tenantId)).and(DIM_RESOURCE.URN.in(missing))
                    .forEach(r -> {
                        ids.put(new Key(tenantId, r.value1()), r.value2());
                        found.put(r.value1(), r.value2());
                    });
        }
        Map<Long, String> byId = new LinkedHashMap<>();
        found.forEach((urn, id) -> byId.put(id, urn));
        return byId;
    }
}
