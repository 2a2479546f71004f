package io.rootscope.backend.query;

import static io.rootscope.backend.db.schema.Tables.DIM_TENANT;

import io.rootscope.backend.db.StorableValues;
import io.rootscope.backend.http.BadRequestException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.DSLContext;

/** Maps a tenant code (header {@code X-Rootscope-Tenant}, default {@code default}) to its id, cached. */
public final class TenantResolver {

    public static final String HEADER = "X-Rootscope-Tenant";
    public static final String DEFAULT_TENANT = "default";

    private final DSLContext db;
    private final Map<String, Long> ids = new ConcurrentHashMap<>();

    public TenantResolver(DSLContext db) {
        this.db = db;
    }

    /** The tenant code a request names (the header's value, or the default tenant). */
    public static String code(String header) {
        return header == null || header.isBlank() ? DEFAULT_TENANT : header.trim();
    }

    public long resolve(String tenant) {
        Long cached = ids.get(tenant);
        if (cached != null) {
            return cached;
        }
        if (!StorableValues.isStorable(tenant)) {
            throw new BadRequestException(HEADER, "unknown tenant: " + StorableValues.NUL_PROBLEM);
        }
        Long id = db.select(DIM_TENANT.TENANT_ID).from(DIM_TENANT).where(DIM_TENANT.CODE.eq(tenant)).fetchOne(DIM_TENANT.TENANT_ID);
        if (id == null) {
            throw new BadRequestException(HEADER, "unknown tenant '" + tenant + "'");
        }
        ids.put(tenant, id);
        return id;
    }
}
