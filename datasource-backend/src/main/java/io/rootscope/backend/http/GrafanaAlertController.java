package io.rootscope.backend.http;

import io.javalin.http.Context;
import io.rootscope.backend.alerts.GrafanaAlertPayload;
import io.rootscope.backend.alerts.GrafanaAlerts;
import io.rootscope.backend.json.Json;
import java.util.List;
import java.util.Map;

/** {@code POST /alerts/grafana}: Grafana's alert webhook, whose alerts {@link GrafanaAlerts} turns into incidents. */
public final class GrafanaAlertController {

    private final GrafanaAlerts alerts;
    private final TenantResolver tenants;

    public GrafanaAlertController(GrafanaAlerts alerts, TenantResolver tenants) {
        this.alerts = alerts;
        this.tenants = tenants;
    }

    public void receive(Context ctx) {
        long tenantId = tenants.forRequest(ctx).id();
        GrafanaAlertPayload payload = Json.read(RequestBody.json(ctx), GrafanaAlertPayload.class, "body");
        List<Map<String, Object>> results = alerts.receive(tenantId, payload);
        ctx.json(Map.of("received", results.size(), "alerts", results));
    }
}
