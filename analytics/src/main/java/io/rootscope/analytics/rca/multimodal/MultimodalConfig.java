package io.rootscope.analytics.rca.multimodal;

import io.rootscope.analytics.rca.MethodParameters;

/**
 * Tuning of {@link MultimodalRca}; the defaults sit in the middle of the flat region of the sweep in
 * {@code analytics/README.md}.
 *
 * @param quantile     quantile of self times and call gaps compared between the periods (0..1)
 * @param shrink       pseudo-count that shrinks the change of an operation or call seen n times (in the rarer
 *                     period) by n / (n + shrink): a single slow call proves little, a hundred prove a lot
 * @param resolution   smallest meaningful change of a log ratio (self time, call latency, metric deviation): the
 *                     floor of a channel's spread when calibrating it
 * @param metricWeight weight of the metric channel against the log and trace channels (weight 1)
 * @param norm         how a service's channels combine: the p-norm of their positive calibrated values (1 sums them,
 *                     larger p lets the strongest dominate, as a maximum would)
 * @param calleeShare  share of a caller's score explained away by an anomalous callee: the caller loses this share of
 *                     the score it has in common with what its most anomalous callee passes up (the callee's own score
 *                     and what the callee's callees explain of it; 0 keeps callers as they are, 1 clears a caller no
 *                     more anomalous than that)
 * @param shiftResolution smallest meaningful log template shift (Cohen's h): the floor of that channel's spread
 * @param shiftErrors  standard errors of Cohen's h ({@code sqrt(1/n1 + 1/n2)} for n1 and n2 lines) that a template shift
 *                     must exceed to count, and by which it is reduced: a service logging a handful of lines in a short
 *                     window moves its shares by chance as much as a fault does in a busy one
 */
public record MultimodalConfig(double quantile, double shrink, double resolution, double metricWeight, double norm,
                               double calleeShare, double shiftResolution, double shiftErrors) {

    public static final MultimodalConfig DEFAULTS = new MultimodalConfig(0.4, 1.5, 0.1, 0.5, 4, 0.5, 0.15, 1);

    public MultimodalConfig {
        if (!(quantile >= 0 && quantile <= 1)) {
            throw new IllegalArgumentException("quantile must be in [0, 1], got " + quantile);
        }
        if (!(shrink >= 0)) {
            throw new IllegalArgumentException("shrink must not be negative, got " + shrink);
        }
        if (!(resolution > 0)) {
            throw new IllegalArgumentException("resolution must be positive, got " + resolution);
        }
        if (!(shiftResolution > 0)) {
            throw new IllegalArgumentException("shiftResolution must be positive, got " + shiftResolution);
        }
        if (!(shiftErrors >= 0)) {
            throw new IllegalArgumentException("shiftErrors must not be negative, got " + shiftErrors);
        }
        if (!(norm >= 1)) {
            throw new IllegalArgumentException("norm must be at least 1, got " + norm);
        }
        if (!(calleeShare >= 0 && calleeShare <= 1)) {
            throw new IllegalArgumentException("calleeShare must be in [0, 1], got " + calleeShare);
        }
        if (!(metricWeight >= 0)) {
            throw new IllegalArgumentException("metricWeight must not be negative, got " + metricWeight);
        }
    }

    /** How much of a change seen {@code n} times counts. */
    double credibility(int n) {
        return n / (n + shrink);
    }

    static MultimodalConfig read(MethodParameters p) {
        return new MultimodalConfig(p.getDouble("quantile", DEFAULTS.quantile),
                p.getDouble("shrink", DEFAULTS.shrink), p.getDouble("resolution", DEFAULTS.resolution),
                p.getDouble("metricWeight", DEFAULTS.metricWeight), p.getDouble("norm", DEFAULTS.norm),
                p.getDouble("calleeShare", DEFAULTS.calleeShare), p.getDouble("shiftResolution", DEFAULTS.shiftResolution),
                p.getDouble("shiftErrors", DEFAULTS.shiftErrors));
    }
}
