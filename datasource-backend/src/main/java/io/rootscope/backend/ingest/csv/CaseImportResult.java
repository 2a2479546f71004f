package io.rootscope.backend.ingest.csv;

import java.time.Instant;
import java.util.List;

/**
 * What importing a case directory did.
 *
 * @param samplesAccepted    cells parsed into samples
 * @param samplesWritten     samples inserted (0 when the case was imported before)
 * @param aggregatesWritten  minute aggregates inserted or changed
 * @param rejected           refused cells and lines, with their line numbers (of the log and span files too)
 * @param normalShiftSeconds how far the normal block was moved in time to end right before the anomalous one
 *                           (0 when the two files were already contiguous)
 * @param from               the first sample's time after the shift
 * @param to                 the last sample's time
 * @param telemetry          what loading the case's logs and spans did
 */
public record CaseImportResult(String caseId, long tenantId, int resources, long samplesAccepted, long samplesWritten,
                               long aggregatesWritten, List<RejectedRecord> rejected, long normalShiftSeconds,
                               Instant from, Instant to, CaseTelemetryImporter.Result telemetry) {

    /** One line for a person: what was kept and written, and how many rows were refused. */
    public String summary() {
        return String.format("case %s: %d services, %d samples accepted, %d written, %d minute aggregates; "
                        + "%d log records, %d log events staged; %d spans, %d calls staged%s; %d rejected; normal period shifted %d s",
                caseId, resources, samplesAccepted, samplesWritten, aggregatesWritten, telemetry.logsAccepted(),
                telemetry.logEvents(), telemetry.spansAccepted(), telemetry.calls(),
                telemetry.skipped().isEmpty() ? "" : " (" + String.join(", ", telemetry.skipped()) + " held already: not staged again)",
                rejected.size(), normalShiftSeconds);
    }
}
