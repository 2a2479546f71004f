package io.rootscope.backend.query;

import static io.rootscope.backend.db.schema.Tables.DIM_RESOURCE;

import io.rootscope.backend.protocol.QueryRequest.AdhocFilter;
import io.rootscope.backend.refusal.InvalidInputException;
import java.util.List;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/** The dashboard's ad-hoc filters on resources, as a condition on {@code dim_resource}. */
public final class ResourceFilters {

    /** Filter keys offered by {@code /tag-keys}; severity applies to incidents, the others to resources. */
    public static final List<String> KEYS = List.of("resource", "type", "namespace", "severity");
    /** Kubernetes resources carry their namespace as a label. */
    public static final Field<String> NAMESPACE = DSL.field("{0} ->> 'namespace'", String.class, DIM_RESOURCE.LABELS);

    /** PostgreSQL's SQLSTATE for a malformed or too complex regular expression. */
    private static final String INVALID_REGULAR_EXPRESSION = "2201B";

    private ResourceFilters() {
    }

    /**
     * Checks the filters before any query uses them: known keys and operators, and regular expressions that PostgreSQL
     * (whose dialect, ARE, is the one that matters) compiles — so that a {@code (} is a 400 naming the filter.
     */
    public static void validate(DSLContext db, List<AdhocFilter> filters) {
        condition(filters);
        for (int i = 0; i < filters.size(); i++) {
            AdhocFilter filter = filters.get(i);
            if (filter.value() != null && ("=~".equals(filter.operator()) || "!~".equals(filter.operator()))) {
                try {
                    db.selectOne().where(DSL.val("").likeRegex(filter.value())).fetch();
                } catch (DataAccessException e) {
                    if (!INVALID_REGULAR_EXPRESSION.equals(e.sqlState())) {
                        throw e;
                    }
                    throw new InvalidInputException("adhocFilters[" + i + "].value", "not a valid regular expression: '"
                            + filter.value() + "'");
                }
            }
        }
    }

    public static Condition condition(List<AdhocFilter> filters) {
        Condition condition = DSL.noCondition();
        for (int i = 0; i < filters.size(); i++) {
            AdhocFilter filter = filters.get(i);
            Field<String> field = switch (filter.key() == null ? "" : filter.key()) {
                case "resource" -> DIM_RESOURCE.URN;
                case "type" -> DIM_RESOURCE.TYPE;
                case "namespace" -> NAMESPACE;
                case "severity" -> null;
                default -> throw new InvalidInputException("adhocFilters[" + i + "].key",
                        "unknown filter key '" + filter.key() + "'; known: " + KEYS);
            };
            if (field != null) {
                condition = condition.and(compare(field, filter, i));
            }
        }
        return condition;
    }

    /** The value of the {@code severity} filters, or null. */
    public static List<String> severities(List<AdhocFilter> filters) {
        return filters.stream().filter(f -> "severity".equals(f.key()) && "=".equals(f.operator())).map(AdhocFilter::value).toList();
    }

    private static Condition compare(Field<String> field, AdhocFilter filter, int index) {
        String value = filter.value();
        return switch (filter.operator() == null ? "=" : filter.operator()) {
            case "=" -> field.eq(value);
            case "!=" -> field.ne(value);
            case "=~" -> field.likeRegex(value);
            case "!~" -> field.notLikeRegex(value);
            default -> throw new InvalidInputException("adhocFilters[" + index + "].operator",
                    "unsupported operator '" + filter.operator() + "'; use =, !=, =~ or !~");
        };
    }
}
