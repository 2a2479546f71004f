package io.rootscope.backend.query.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import io.rootscope.backend.json.Json;
import io.rootscope.backend.knowledge.RunbookFinder;
import io.rootscope.backend.protocol.DataFrame;
import io.rootscope.backend.query.PayloadOption;
import io.rootscope.backend.query.Payloads;
import io.rootscope.backend.query.QueryContext;
import io.rootscope.backend.query.QueryKind;
import io.rootscope.backend.query.WorkbenchLinks;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code runbooks}: the runbook passages for an incident's top root causes ({@link RunbookFinder}), each with its
 * cause, score and a link to the passage.
 */
public final class RunbooksQuery implements QueryKind {

    public static final int PER_CAUSE_DEFAULT = 3;

    record Payload(UUID event_id, Integer k) {
    }

    private final RunbookFinder finder;

    public RunbooksQuery(RunbookFinder finder) {
        this.finder = finder;
    }

    @Override
    public String name() {
        return "runbooks";
    }

    @Override
    public String label() {
        return "Runbooks for the root causes";
    }

    @Override
    public List<PayloadOption> payloadOptions() {
        return List.of(PayloadOption.input("event_id", "Incident", "event id (e.g. $incident)"),
                PayloadOption.input("k", "Per cause", "runbooks per root cause, 1-10 (default 3)"));
    }

    @Override
    public List<DataFrame> run(QueryContext context, JsonNode json) {
        Payload payload = Json.convert(json, Payload.class, "payload");
        UUID eventId = Payloads.requiredEvent(payload.event_id());
        int k = Payloads.bounded(payload.k(), PER_CAUSE_DEFAULT, 1, 10, "k");
        DataFrame.Builder frame = DataFrame.builder("runbooks")
                .field("cause_rank", "number")
                .field("cause", "string")
                .field("runbook", "string")
                .field("section", "string")
                .field("passage", "string")
                .field("score", "number")
                .field("link", "string", Map.of("links", List.of(Map.of("title", "Open the passage", "url", "${__value.raw}"))), Map.of());
        for (RunbookFinder.Passage passage : finder.forIncident(context.db(), context.tenant(), eventId, k)) {
            frame.row(passage.causeRank(), passage.causeName(), passage.title(), passage.section(), passage.content(),
                    passage.score(), WorkbenchLinks.runbookPassage(passage.chunkId(), context.from(), context.to()));
        }
        return List.of(frame.build());
    }
}
