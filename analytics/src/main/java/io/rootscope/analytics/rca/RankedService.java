package io.rootscope.analytics.rca;

/** A candidate root cause and its score (higher is more likely; scales differ between methods). */
public record RankedService(String service, double score) {
}
