package io.rootscope.backend.refusal;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * What PostgreSQL can store and compare, checked where client values enter: text holds no NUL character (U+0000), and a
 * {@code timestamptz} lies between 4713 BC and 294276 AD — in hypertables up to 294247 AD only (TimescaleDB's internal
 * times count from 1970, thirty years before PostgreSQL's epoch). One year is kept free at each end so that the
 * queries' window arithmetic (a lookback, a bucket end) stays in range too.
 */
public final class StorableValues {

    /** 1 January 4712 BC (ISO year -4711), a year after the earliest timestamptz. */
    public static final Instant EARLIEST_TIME = LocalDateTime.of(-4711, 1, 1, 0, 0).toInstant(ZoneOffset.UTC);
    /** The end of 294245 AD, a year before the latest time of a TimescaleDB hypertable. */
    public static final Instant LATEST_TIME = LocalDateTime.of(294245, 12, 31, 23, 59, 59).toInstant(ZoneOffset.UTC);
    public static final String TIME_PROBLEM = "is outside the supported time range (4712 BC to 294245 AD)";
    public static final String NUL_PROBLEM = "contains a NUL character (U+0000), which cannot be stored";

    private StorableValues() {
    }

    public static boolean isStorable(Instant time) {
        return !time.isBefore(EARLIEST_TIME) && !time.isAfter(LATEST_TIME);
    }

    public static boolean isStorable(String text) {
        return text.indexOf('\0') < 0;
    }
}
