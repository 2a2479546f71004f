package io.rootscope.backend.http;

import io.javalin.http.Context;
import io.rootscope.backend.etl.parse.ParseReject;
import io.rootscope.backend.ingest.RemoteWriteDecoder;
import io.rootscope.backend.ingest.TelemetryIngestor;
import io.rootscope.backend.refusal.InvalidInputException;
import java.io.IOException;
import java.sql.SQLException;
import java.util.List;

/**
 * Prometheus remote write 1.0, {@code POST /api/v1/write}: snappy-compressed protobuf into the pushed series store.
 * Answers as the specification asks: 204 when every series was stored; 400 when some were rejected (the good ones are
 * kept first, and the message says how many), since a sender must not retry a 4xx; 415, 413, and 429/503 with
 * {@code Retry-After} (busy, database away) through the shared body bounds and error mapping, which a sender retries.
 */
public final class RemoteWriteController {

    private final TelemetryIngestor ingestor;
    private final TenantResolver tenants;

    public RemoteWriteController(TelemetryIngestor ingestor, TenantResolver tenants) {
        this.ingestor = ingestor;
        this.tenants = tenants;
    }

    public void write(Context ctx) throws IOException, SQLException {
        long tenant = tenants.forRequest(ctx).id();
        RemoteWriteDecoder.Decoded decoded = RemoteWriteDecoder.decode(RequestBody.snappyProtobuf(ctx));
        TelemetryIngestor.Summary summary = ingestor.stageSeries(tenant, decoded.series());
        List<ParseReject> rejects = summary.rejects();
        if (!rejects.isEmpty()) {
            ParseReject first = rejects.get(0);
            throw new InvalidInputException(first.location(), first.problem() + " (" + rejects.size() + " rejected in all; "
                    + summary.accepted() + " samples kept, " + decoded.nonFiniteSkipped() + " non-finite skipped)");
        }
        ctx.status(204);
    }
}
