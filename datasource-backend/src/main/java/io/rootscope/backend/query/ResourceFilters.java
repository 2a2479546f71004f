package io.rootscope.backend.query;

import static io.rootscope.backend.db.schema.Tables.DIM_RESOURCE;

import io.rootscope.backend.http.BadRequestException;
import io.rootscope.backend.protocol.QueryRequest.AdhocFilter;
import java.util.List;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.DSL;

/** The dashboard's ad-hoc filters on resources, as a condition on {@code dim_resource}. */
public final class ResourceFilters {

    /** Filter keys offered by {@code /tag-keys}; severity applies to incidents, the others to resources. */
    public static final List<String> KEYS = List.of("resource", "type", "namespace", "severity");
    /** Kubernetes resources carry their namespace as a label. */
    public static final Field<String> NAMESPACE = DSL.field("{0} ->> 'namespace'", String.class, DIM_RESOURCE.LABELS);

    private ResourceFilters() {
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
                default -> throw new BadRequestException("adhocFilters[" + i + "].key",
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
            default -> throw new BadRequestException("adhocFilters[" + index + "].operator",
                    "unsupported operator '" + filter.operator() + "'; use =, !=, =~ or !~");
        };
    }
}
