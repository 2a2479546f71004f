package io.rootscope.backend.query;

import io.rootscope.backend.refusal.InvalidInputException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/** The query kinds the backend answers, by name, in the order {@code /metrics} lists them. */
public final class QueryKinds {

    private final Map<String, QueryKind> byName = new LinkedHashMap<>();

    public QueryKinds(Collection<? extends QueryKind> kinds) {
        for (QueryKind kind : kinds) {
            if (byName.put(kind.name(), kind) != null) {
                throw new IllegalArgumentException("two query kinds named " + kind.name());
            }
        }
    }

    public Collection<QueryKind> all() {
        return byName.values();
    }

    /** @param field where the name came from, for the error */
    public QueryKind get(String name, String field) {
        if (name == null || name.isBlank()) {
            throw new InvalidInputException(field, "missing query kind; known kinds: " + byName.keySet());
        }
        QueryKind kind = byName.get(name);
        if (kind == null) {
            throw new InvalidInputException(field, "unknown query kind '" + name + "'; known kinds: " + byName.keySet());
        }
        return kind;
    }
}
