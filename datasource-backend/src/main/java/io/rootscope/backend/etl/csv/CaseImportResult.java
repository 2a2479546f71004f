package io.rootscope.backend.etl.csv;

import java.time.Instant;
import java.util.List;

/**
 * What importing a case directory did.
 *
 * @param samplesAccepted    cells parsed into samples
 * @param samplesWritten     samples inserted (0 when the case was imported before)
 * @param aggregatesWritten  minute aggregates inserted or changed
 * @param rejected           refused cells and lines, with their line numbers
 * @param normalShiftSeconds how far the normal block was moved in time to end right before the anomalous one
 *                           (0 when the two files were already contiguous)
 * @param from               the first sample's time after the shift
 * @param to                 the last sample's time
 */
public record CaseImportResult(String caseId, long tenantId, int resources, long samplesAccepted, long samplesWritten,
                               long aggregatesWritten, List<RejectedRecord> rejected, long normalShiftSeconds,
                               Instant from, Instant to) {
}
