package io.rootscope.backend.http;

import io.javalin.http.Context;
import io.rootscope.backend.detection.ExternalEventIngestor;
import io.rootscope.backend.detection.IngestResult;
import java.io.IOException;
import java.util.Map;

/** {@code POST /events/anteater}: anomaly events of gala-anteater (an object or an array) become incidents. */
public final class AnteaterEventsController {

    private final ExternalEventIngestor ingestor;
    private final TenantResolver tenants;

    public AnteaterEventsController(ExternalEventIngestor ingestor, TenantResolver tenants) {
        this.ingestor = ingestor;
        this.tenants = tenants;
    }

    public void receive(Context ctx) throws IOException {
        long tenantId = tenants.forRequest(ctx).id();
        IngestResult result = ingestor.ingest(tenantId, RequestBody.jsonStream(ctx));
        IngestResponses.respond(ctx, result.opened().size() + result.updated().size(), result.rejects(),
                Map.of("opened", result.opened(), "updated", result.updated()));
    }
}
