package io.rootscope.backend.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /query} as Grafana's JSON data source sends it. Grafana adds fields over
 * versions (requestId, timezone, app, ...), so unknown top-level fields are ignored; payloads are strict.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record QueryRequest(Range range, Long intervalMs, Integer maxDataPoints, List<Target> targets,
                           // Grafana's own variables: not read, so a null among them is no mistake of the client's.
                           @JsonSetter(contentNulls = Nulls.SKIP) Map<String, JsonNode> scopedVars, List<AdhocFilter> adhocFilters, List<AdhocFilter> filters) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Range(Instant from, Instant to) {
    }

    /** One panel query: {@code target} names the query kind, {@code payload} its typed options. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Target(String target, String refId, JsonNode payload, Boolean hide) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record AdhocFilter(String key, String operator, String value) {
    }

    /** Ad-hoc filters arrive as {@code adhocFilters} from the JSON plugin and as {@code filters} from newer Grafana. */
    public List<AdhocFilter> allFilters() {
        if (adhocFilters != null && !adhocFilters.isEmpty()) {
            return adhocFilters;
        }
        return filters == null ? List.of() : filters;
    }
}
