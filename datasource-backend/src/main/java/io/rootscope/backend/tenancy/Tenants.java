package io.rootscope.backend.tenancy;

import static io.rootscope.backend.db.schema.Tables.DIM_TENANT;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jooq.DSLContext;

/**
 * The tenants ({@code dim_tenant}): added by {@code ./rootscope tenant add} or {@code POST /admin/tenants}; every
 * running backend starts a new tenant's ETL jobs on its own (see {@code JobRegistry}). Refusals are
 * {@link IllegalArgumentException}s whose message starts with the field they are about.
 */
public final class Tenants {

    /** dim_tenant's CHECK constraint, and short enough to read in a header. */
    private static final Pattern CODE = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");
    private static final int NAME_MAX = 200;

    public record Tenant(long id, String code, String name) {
    }

    private final DSLContext db;

    public Tenants(DSLContext db) {
        this.db = db;
    }

    public Tenant add(String code, String name) {
        if (code == null || !CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("code: must be 1-63 characters of a-z, 0-9, '_' and '-', starting with a letter or digit, got "
                    + (code == null ? "nothing" : "'" + code + "'"));
        }
        String chosenName = name == null || name.isBlank() ? code : name.trim();
        if (chosenName.length() > NAME_MAX || chosenName.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("name: must be at most " + NAME_MAX + " characters, without NUL");
        }
        Long id = db.insertInto(DIM_TENANT, DIM_TENANT.CODE, DIM_TENANT.NAME).values(code, chosenName)
                .onConflictDoNothing()
                .returning(DIM_TENANT.TENANT_ID).fetchOne(DIM_TENANT.TENANT_ID);
        if (id == null) {
            throw new IllegalArgumentException("code: tenant '" + code + "' already exists");
        }
        return new Tenant(id, code, chosenName);
    }

    public List<Tenant> list() {
        return db.select(DIM_TENANT.TENANT_ID, DIM_TENANT.CODE, DIM_TENANT.NAME).from(DIM_TENANT).orderBy(DIM_TENANT.CODE)
                .fetch(r -> new Tenant(r.value1(), r.value2(), r.value3()));
    }

    /** The ids of these codes; every code must name a tenant. */
    public Set<Long> idsOf(List<String> codes) {
        Map<String, Long> found = db.select(DIM_TENANT.CODE, DIM_TENANT.TENANT_ID).from(DIM_TENANT).where(DIM_TENANT.CODE.in(codes))
                .fetchMap(DIM_TENANT.CODE, DIM_TENANT.TENANT_ID);
        Set<Long> ids = new LinkedHashSet<>();
        for (String code : codes) {
            Long id = found.get(code);
            if (id == null) {
                throw new IllegalArgumentException("tenants: no tenant '" + code + "'");
            }
            ids.add(id);
        }
        return ids;
    }
}
