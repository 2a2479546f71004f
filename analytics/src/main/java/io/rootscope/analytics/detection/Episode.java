package io.rootscope.analytics.detection;

/**
 * The run of anomalous points that made a series count as anomalous: from its first point to the point that
 * confirmed it, with the largest |score| among them.
 */
public record Episode(SeriesRef series, long fromMillis, long toMillis, double peakScore) {
}
