package io.rootscope.backend.http;

import io.javalin.http.Context;
import io.rootscope.backend.etl.parse.OtlpEncoding;
import io.rootscope.backend.etl.parse.ParseReject;
import io.rootscope.backend.refusal.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The answer to an ingestion request: good records are kept even when others in the same batch are bad, and
 * every reject is reported with where it is. A batch in which nothing was good is a 400 naming the first bad field
 * (in either OTLP encoding: retrying it cannot help).
 */
public final class IngestResponses {

    private IngestResponses() {
    }

    static void respond(Context ctx, long accepted, List<ParseReject> rejects, Map<String, Object> details) {
        ctx.json(jsonBody(accepted, rejects, details));
    }

    /**
     * An OTLP export's answer in the request's encoding: the {@code Export*ServiceResponse} in protobuf, or in JSON the
     * answer of {@link #respond} with the response's {@code partialSuccess} beside it when records were rejected.
     */
    static void respondOtlp(Context ctx, OtlpEncoding encoding, OtlpExportResponse export, long accepted,
                            List<ParseReject> rejects, Map<String, Object> details) {
        if (encoding == OtlpEncoding.PROTOBUF) {
            refuseIfNothingGood(accepted, rejects);
            ctx.contentType(RequestBody.PROTOBUF).result(export.protobuf(rejects));
            return;
        }
        Map<String, Object> body = jsonBody(accepted, rejects, details);
        if (!rejects.isEmpty()) {
            body.put("partialSuccess", export.partialSuccessJson(rejects));
        }
        ctx.json(body);
    }

    /** A batch of which nothing was kept is refused (400, OTLP/gRPC's INVALID_ARGUMENT) naming its first reject. */
    public static void refuseIfNothingGood(long accepted, List<ParseReject> rejects) {
        if (accepted == 0 && !rejects.isEmpty()) {
            ParseReject first = rejects.get(0);
            throw new InvalidInputException(first.location(), first.problem() + (rejects.size() > 1 ? " (and " + (rejects.size() - 1) + " more rejects)" : ""));
        }
    }

    private static Map<String, Object> jsonBody(long accepted, List<ParseReject> rejects, Map<String, Object> details) {
        refuseIfNothingGood(accepted, rejects);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("accepted", accepted);
        body.put("rejected", rejects.size());
        body.put("rejects", rejects.stream().limit(100).map(r -> Map.of("location", r.location(), "problem", r.problem())).toList());
        body.putAll(details);
        return body;
    }
}
