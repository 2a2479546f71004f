package io.rootscope.demo;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The stored diagnosis of an incident: its root-cause ranking ({@code rca} kind), evidence chain ({@code evidence} kind)
 * and the runbooks for its top root causes ({@code runbooks} kind).
 */
public record Diagnosis(Incident incident, List<RankedCause> ranking, Frame evidence, Frame runbooks) {

    /** One candidate root cause. */
    public record RankedCause(int rank, String resource, double score) {
    }

    public static Diagnosis of(BackendClient backend, Incident incident, Duration lookback) throws IOException, InterruptedException {
        Instant from = incident.startedAt().minus(lookback);
        Instant to = Instant.now();
        Map<String, String> event = Map.of("event_id", incident.eventId());
        Frame ranking = backend.first("rca", event, from, to);
        List<RankedCause> causes = new ArrayList<>();
        for (int row = 0; row < ranking.length(); row++) {
            causes.add(new RankedCause(ranking.column("rank").get(row).asInt(), ranking.text("resource", row),
                    ranking.column("score").get(row).asDouble()));
        }
        return new Diagnosis(incident, List.copyOf(causes), backend.first("evidence", event, from, to),
                backend.first("runbooks", event, from, to));
    }

    /** The 1-based position of the runbook titled {@code title} in the runbooks answer, or 0 when it is not there. */
    public int runbookRank(String title) {
        return runbooks.texts("runbook").indexOf(title) + 1;
    }

    /** The 1-based rank of {@code resource}, or 0 when it is not ranked. */
    public int rankOf(String resource) {
        return ranking.stream().filter(cause -> cause.resource().equals(resource)).mapToInt(RankedCause::rank).findFirst().orElse(0);
    }
}
