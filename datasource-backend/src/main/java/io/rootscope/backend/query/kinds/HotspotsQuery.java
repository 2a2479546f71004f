package io.rootscope.backend.query.kinds;

import static io.rootscope.backend.db.schema.Tables.DOWNSTREAM_HOTSPOTS;

import com.fasterxml.jackson.databind.JsonNode;
import io.rootscope.backend.db.schema.tables.records.DownstreamHotspotsRecord;
import io.rootscope.backend.json.Json;
import io.rootscope.backend.protocol.DataFrame;
import io.rootscope.backend.query.PayloadOption;
import io.rootscope.backend.query.Payloads;
import io.rootscope.backend.query.QueryContext;
import io.rootscope.backend.query.QueryKind;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jooq.types.YearToSecond;

/** {@code hotspots}: a service's slowest or most failing downstream dependencies over the range (downstream_hotspots). */
public final class HotspotsQuery implements QueryKind {

    record Payload(String resource, Integer top) {
    }

    @Override
    public String name() {
        return "hotspots";
    }

    @Override
    public String label() {
        return "Downstream hotspots";
    }

    @Override
    public List<PayloadOption> payloadOptions() {
        return List.of(PayloadOption.input("resource", "Service", "URN of the calling service"),
                PayloadOption.input("top", "Top", "1-20 (default 5)"));
    }

    @Override
    public List<DataFrame> run(QueryContext context, JsonNode json) {
        Payload payload = Json.convert(json, Payload.class, "payload");
        String resource = Payloads.required(payload.resource(), "resource");
        int top = Payloads.bounded(payload.top(), 5, 1, 20, "top");
        YearToSecond window = YearToSecond.valueOf(Duration.between(context.from(), context.to()));
        List<DownstreamHotspotsRecord> rows = context.db()
                .selectFrom(DOWNSTREAM_HOTSPOTS.call(resource, window, context.tenant(), Payloads.utc(context.to()), top))
                .fetch();
        Map<String, Object> serviceLink = Map.of("links", List.of(Map.of("title", "Service view",
                "url", "/d/rootscope-service?var-service=${__data.fields.downstream}&${__url_time_range}")));
        DataFrame.Builder frame = DataFrame.builder("hotspots")
                .field("downstream", "string", serviceLink, Map.of())
                .field("rps", "number")
                .field("err_rate", "number", Map.of("unit", "percentunit"), Map.of())
                .field("p95_ms", "number", Map.of("unit", "ms"), Map.of())
                .field("score", "number");
        for (DownstreamHotspotsRecord row : rows) {
            frame.row(row.getDownstreamUrn(), row.getRps(), row.getErrRate(), row.getP95Ms(), row.getScore());
        }
        return List.of(frame.build());
    }
}
