package io.rootscope.backend.tenancy;

import java.util.Set;

/**
 * Who sent a request, as its bearer token says: an admin (every tenant and the admin API), a token bound to a set of
 * tenants, or — with authentication off — anyone, who may name any tenant but not use the admin API.
 */
public record Caller(boolean admin, boolean anyTenant, Set<Long> tenantIds) {

    /** Authentication off: the tenant header chooses any tenant, as before tokens existed. */
    public static final Caller OPEN = new Caller(false, true, Set.of());
    public static final Caller ADMIN = new Caller(true, true, Set.of());

    public Caller {
        tenantIds = Set.copyOf(tenantIds);
    }

    public static Caller ofTenants(Set<Long> tenantIds) {
        return new Caller(false, false, tenantIds);
    }

    public boolean mayActFor(long tenantId) {
        return anyTenant || tenantIds.contains(tenantId);
    }
}
