package io.rootscope.backend.etl.runtime;

import static io.rootscope.backend.db.schema.Tables.DIM_TENANT;

import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;

/** Looks tenants up by code in {@code dim_tenant}. */
public final class TenantDirectory {

    private final DSLContext db;

    /** @param db the writer's context: the replay API looks tenants up on its requests */
    public TenantDirectory(DSLContext db) {
        this.db = db;
    }

    public Optional<Long> idOf(String code) {
        return db.select(DIM_TENANT.TENANT_ID).from(DIM_TENANT).where(DIM_TENANT.CODE.eq(code)).fetchOptional(DIM_TENANT.TENANT_ID);
    }

    /** Every tenant's id. */
    public List<Long> allIds() {
        return db.select(DIM_TENANT.TENANT_ID).from(DIM_TENANT).orderBy(DIM_TENANT.TENANT_ID).fetch(DIM_TENANT.TENANT_ID);
    }
}
