package io.rootscope.analytics.detection;

/**
 * A detector's judgement of one point.
 *
 * @param score     how far the point is from what the detector expected, in the detector's unit (robust z, sigmas,
 *                  or the relative margin past an SLO threshold); positive above, negative below
 * @param anomalous whether the point breaks the detector's limit
 */
public record Verdict(long epochMillis, double value, double score, boolean anomalous) {
}
