package io.rootscope.backend.detection;

import io.rootscope.backend.etl.parse.ParseReject;
import java.util.List;
import java.util.UUID;

/**
 * What one ingestion of external events did.
 *
 * @param opened  incidents stored for the first time
 * @param updated incidents whose event had been ingested before (a re-delivery refreshes them)
 * @param rejects events left out, each naming the offending field
 */
public record IngestResult(List<UUID> opened, List<UUID> updated, List<ParseReject> rejects) {

    public IngestResult {
        opened = List.copyOf(opened);
        updated = List.copyOf(updated);
        rejects = List.copyOf(rejects);
    }
}
