package io.rootscope.demo;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The stored diagnosis of an incident: the method that made it and its root-cause ranking ({@code rca} kind), evidence chain ({@code evidence} kind)
 * and the runbooks for its top root causes ({@code runbooks} kind).
 */
public record Diagnosis(Incident incident, String method, List<RankedCause> ranking, Frame evidence, Frame runbooks) {

    /** One candidate root cause. */
    public record RankedCause(int rank, String resource, double score) {
    }

    /**
     * The incident's diagnosis once the backend has stored the one of its whole window (it diagnoses a new incident at once,
     * then again when the window is stored), so that the evidence chain and the runbooks read with it are of the ranking
     * shown; after {@code storedWithin} the ranking as the backend computes it now, whatever it stored.
     */
    public static Diagnosis of(BackendClient backend, Incident incident, Duration lookback, Duration storedWithin)
            throws IOException, InterruptedException {
        Instant from = incident.startedAt().minus(lookback);
        Map<String, String> event = Map.of("event_id", incident.eventId());
        Instant deadline = Instant.now().plus(storedWithin);
        Frame ranking = backend.first("rca", event, from, Instant.now());
        while (!ranking.json().path("meta").path("custom").path("stored").asBoolean() && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
            ranking = backend.first("rca", event, from, Instant.now());
        }
        Instant to = Instant.now();
        List<RankedCause> causes = new ArrayList<>();
        for (int row = 0; row < ranking.length(); row++) {
            causes.add(new RankedCause(ranking.column("rank").get(row).asInt(), ranking.text("resource", row),
                    ranking.column("score").get(row).asDouble()));
        }
        return new Diagnosis(incident, ranking.json().path("meta").path("custom").path("method").asText(), List.copyOf(causes), backend.first("evidence", event, from, to),
                backend.first("runbooks", event, from, to));
    }

    /** The 1-based position of the runbook titled {@code title} in the runbooks answer, or 0 when it is not there. */
    public int runbookRank(String title) {
        return runbooks.texts("runbook").indexOf(title) + 1;
    }

    /**
     * The rank of the root cause for which the runbook titled {@code title} is listed (the answer lists a runbook once,
     * for the highest cause it serves), or 0 when it is not there.
     */
    public int runbookCauseRank(String title) {
        int row = runbooks.texts("runbook").indexOf(title);
        return row < 0 ? 0 : runbooks.column("cause_rank").get(row).asInt();
    }

    /** The 1-based rank of {@code resource}, or 0 when it is not ranked. */
    public int rankOf(String resource) {
        return ranking.stream().filter(cause -> cause.resource().equals(resource)).mapToInt(RankedCause::rank).findFirst().orElse(0);
    }
}
