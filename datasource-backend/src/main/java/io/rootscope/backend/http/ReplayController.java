package io.rootscope.backend.http;

import io.javalin.http.Context;
import io.rootscope.backend.etl.runtime.EtlWindow;
import io.rootscope.backend.etl.runtime.ReplayJobs;
import io.rootscope.backend.etl.runtime.ReplayRequest;
import io.rootscope.backend.etl.runtime.ReplayService;
import io.rootscope.backend.etl.runtime.WindowRun;
import io.rootscope.backend.json.Json;
import io.rootscope.backend.refusal.InvalidInputException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code POST /etl/replay {job, tenant, from, to}}: runs an ETL job's windows again (future windows refused). Up to
 * {@link #SYNCHRONOUS_WINDOWS_MAX} windows are run within the request; a longer replay runs in the background
 * (202 with its status URL, {@code GET /etl/replay/{id}}), so no request holds a server thread for minutes.
 */
public final class ReplayController {

    public static final int SYNCHRONOUS_WINDOWS_MAX = 10;
    /** When a replay is refused because others are running: about the time a few windows take. */
    static final int BUSY_RETRY_AFTER_SECONDS = 10;

    private static final Pattern FIELD = Pattern.compile("(job|tenant|from|to)\\b");

    private final ReplayService replays;
    private final ReplayJobs background;
    private final TenantResolver tenants;

    public ReplayController(ReplayService replays, ReplayJobs background, TenantResolver tenants) {
        this.replays = replays;
        this.background = background;
        this.tenants = tenants;
    }

    public void replay(Context ctx) throws SQLException {
        ReplayRequest request = Json.read(RequestBody.json(ctx), ReplayRequest.class, "body");
        if (request.tenant() != null && !request.tenant().isBlank()) {
            tenants.permitted(ctx, request.tenant(), "tenant");
        }
        ReplayService.Plan plan;
        try {
            plan = replays.plan(request);
        } catch (IllegalArgumentException e) {
            // The service's messages start with the field they are about ("to: ...", "from must be set").
            Matcher field = FIELD.matcher(String.valueOf(e.getMessage()));
            throw new InvalidInputException(field.lookingAt() ? field.group(1) : "body", e.getMessage());
        }
        if (plan.windows().size() <= SYNCHRONOUS_WINDOWS_MAX) {
            List<WindowRun> runs = new ArrayList<>();
            for (EtlWindow window : plan.windows()) {
                runs.add(replays.run(plan, window));
            }
            ctx.json(Map.of("windows", runs.size(), "runs", runs(runs)));
            return;
        }
        Optional<UUID> id = background.submit(plan);
        if (id.isEmpty()) {
            ctx.status(429).header("Retry-After", String.valueOf(BUSY_RETRY_AFTER_SECONDS)).json(new ApiError(429,
                    ReplayJobs.ACTIVE_MAX + " replays are queued or running already; retry when one is done", null));
            return;
        }
        String statusUrl = "/etl/replay/" + id.get();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id.get().toString());
        body.put("windows", plan.windows().size());
        body.put("status", statusUrl);
        ctx.status(202).header("Location", statusUrl).json(body);
    }

    /** {@code GET /etl/replay/{id}}: a background replay's state, how many windows are done, and each one's outcome. */
    public void status(Context ctx) {
        UUID id;
        try {
            id = UUID.fromString(ctx.pathParam("id"));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("id", "not a replay id: " + ctx.pathParam("id"));
        }
        Optional<ReplayJobs.Progress> found = background.progress(id);
        if (found.isEmpty()) {
            ctx.status(404).json(new ApiError(404, "no replay " + id + " (finished replays are kept for the last "
                    + ReplayJobs.REMEMBERED_MAX + ")", "id"));
            return;
        }
        ReplayJobs.Progress progress = found.get();
        tenants.permitted(ctx, progress.request().tenant(), "id");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", progress.id().toString());
        body.put("job", progress.request().job());
        body.put("tenant", progress.request().tenant());
        body.put("from", progress.request().from().toString());
        body.put("to", progress.request().to().toString());
        body.put("state", progress.state().name());
        body.put("windows", progress.windows());
        body.put("done", progress.runs().size());
        body.put("error", progress.error() == null ? "" : progress.error());
        body.put("runs", runs(progress.runs()));
        ctx.json(body);
    }

    private static List<Map<String, String>> runs(List<WindowRun> runs) {
        return runs.stream().map(run -> Map.of(
                "from", run.window().from().toString(), "to", run.window().to().toString(), "status", run.status().name(),
                "error", run.error() == null ? "" : run.error())).toList();
    }
}
