package io.rootscope.backend.http;

import io.javalin.http.Context;
import io.rootscope.backend.etl.parse.ParseReject;
import io.rootscope.backend.refusal.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The answer to an ingestion request: good records are kept even when others in the same batch are bad, and
 * every reject is reported with where it is. A batch in which nothing was good is a 400 naming the first bad field.
 */
final class IngestResponses {

    private IngestResponses() {
    }

    static void respond(Context ctx, long accepted, List<ParseReject> rejects, Map<String, Object> details) {
        if (accepted == 0 && !rejects.isEmpty()) {
            ParseReject first = rejects.get(0);
            throw new InvalidInputException(first.location(), first.problem() + (rejects.size() > 1 ? " (and " + (rejects.size() - 1) + " more rejects)" : ""));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("accepted", accepted);
        body.put("rejected", rejects.size());
        body.put("rejects", rejects.stream().limit(100).map(r -> Map.of("location", r.location(), "problem", r.problem())).toList());
        body.putAll(details);
        ctx.json(body);
    }
}
