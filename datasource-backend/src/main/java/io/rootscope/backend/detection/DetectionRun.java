package io.rootscope.backend.detection;

import io.rootscope.backend.incident.IncidentListener;
import java.util.List;
import java.util.UUID;

/**
 * What one detection run did.
 *
 * @param opened      incidents stored for the first time (each one also went to the {@link IncidentListener})
 * @param transitions incident transitions found, including ones an earlier run had already stored
 * @param seriesJudged series judged: one per rule, resource and metric
 */
public record DetectionRun(List<UUID> opened, int transitions, int seriesJudged) {

    public DetectionRun {
        opened = List.copyOf(opened);
    }
}
