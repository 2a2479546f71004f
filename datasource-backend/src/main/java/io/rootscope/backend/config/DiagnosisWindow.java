package io.rootscope.backend.config;

import io.rootscope.backend.rca.RcaService;
import java.time.Duration;

/** The window an incident's diagnosis reads: {@code normalLookback} before its anomaly start, {@code anomalySpan} after. */
public record DiagnosisWindow(Duration normalLookback, Duration anomalySpan) {

    public static final DiagnosisWindow DEFAULT = new DiagnosisWindow(RcaService.NORMAL_LOOKBACK_DEFAULT, RcaService.ANOMALY_SPAN_DEFAULT);
}
