package io.rootscope.analytics.aggregation;

/** Alignment of instants to fixed-width buckets that start at multiples of the width since the epoch. */
public final class TimeBuckets {

    /** One minute, in milliseconds. */
    public static final long MINUTE_MILLIS = 60_000L;
    /** Five minutes, in milliseconds. */
    public static final long FIVE_MINUTES_MILLIS = 5 * MINUTE_MILLIS;

    private TimeBuckets() {
    }

    /** The start of the bucket holding an instant; instants before the epoch round down too. */
    public static long start(long epochMillis, long widthMillis) {
        return Math.floorDiv(epochMillis, widthMillis) * widthMillis;
    }

    /** Checks a bucket width given as a parameter. */
    static long requirePositiveWidth(long widthMillis) {
        if (widthMillis <= 0) {
            throw new IllegalArgumentException("bucket width must be positive, got " + widthMillis + " ms");
        }
        return widthMillis;
    }
}
