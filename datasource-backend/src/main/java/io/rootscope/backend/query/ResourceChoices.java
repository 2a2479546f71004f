package io.rootscope.backend.query;

import static io.rootscope.backend.db.schema.Tables.DIM_RESOURCE;

import java.util.List;

/** The caller's resources as choices of a {@code resource} payload field, whatever the query kind. */
public final class ResourceChoices {

    private static final int LIMIT = 1000;

    private ResourceChoices() {
    }

    public static List<PayloadOption.Choice> of(QueryContext context) {
        return context.db().select(DIM_RESOURCE.URN, DIM_RESOURCE.NAME).from(DIM_RESOURCE)
                .where(DIM_RESOURCE.TENANT_ID.eq(context.tenantId())).orderBy(DIM_RESOURCE.URN).limit(LIMIT)
                .fetch(r -> new PayloadOption.Choice(r.value2() + " (" + r.value1() + ")", r.value1()));
    }
}
