package io.rootscope.backend.ingest;

import io.javalin.http.Context;
import io.rootscope.backend.etl.runtime.ReplayRequest;
import io.rootscope.backend.etl.runtime.ReplayService;
import io.rootscope.backend.etl.runtime.WindowRun;
import io.rootscope.backend.http.BadRequestException;
import io.rootscope.backend.http.Json;
import io.rootscope.backend.query.TenantResolver;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/** {@code POST /etl/replay {job, tenant, from, to}}: runs an ETL job's windows again (future windows refused). */
public final class ReplayController {

    private static final java.util.regex.Pattern FIELD = java.util.regex.Pattern.compile("(job|tenant|from|to)\\b");

    private final ReplayService replays;
    private final TenantResolver tenants;

    public ReplayController(ReplayService replays, TenantResolver tenants) {
        this.replays = replays;
        this.tenants = tenants;
    }

    public void replay(Context ctx) throws SQLException {
        ReplayRequest request = Json.read(ctx.body(), ReplayRequest.class, "body");
        if (request.tenant() != null && !request.tenant().isBlank()) {
            tenants.permitted(ctx, request.tenant(), "tenant");
        }
        List<WindowRun> runs;
        try {
            runs = replays.replay(request);
        } catch (IllegalArgumentException e) {
            // The service's messages start with the field they are about ("to: ...", "from must be set").
            java.util.regex.Matcher field = FIELD.matcher(String.valueOf(e.getMessage()));
            throw new BadRequestException(field.lookingAt() ? field.group(1) : "body", e.getMessage());
        }
        ctx.json(Map.of("windows", runs.size(), "runs", runs.stream().map(run -> Map.of(
                "from", run.window().from().toString(), "to", run.window().to().toString(), "status", run.status().name(),
                "error", run.error() == null ? "" : run.error())).toList()));
    }
}
