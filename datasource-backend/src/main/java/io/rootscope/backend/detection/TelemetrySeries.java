package io.rootscope.backend.detection;

import io.rootscope.analytics.detection.SeriesPoint;
import java.util.List;
import java.util.Map;

/**
 * One series of a service's logs or of one of its operations' spans, as {@link TelemetrySeriesReader} read it.
 *
 * @param signal    which series it is: one of {@link io.rootscope.analytics.detection.TelemetryDetection}'s signal names
 * @param operation the operation its spans ran, or empty for a series of the service's logs
 * @param newTemplates per step of a new-error-template series, the template with the most new events there
 */
record TelemetrySeries(long resourceId, String urn, String service, String signal, String operation, long stepMillis,
                       List<SeriesPoint> points, Map<Long, NewTemplate> newTemplates) {

    /** A log template by its {@code log_pattern} row. */
    record NewTemplate(long patternId, String pattern, String severity) {
    }

    TelemetrySeries {
        points = List.copyOf(points);
        newTemplates = Map.copyOf(newTemplates);
    }

    /** What the series watches, unique among a service's series of one signal. */
    String subject() {
        return operation.isEmpty() ? signal : signal + "{operation=\"" + operation + "\"}";
    }
}
