package io.rootscope.backend.etl.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * When a job's windows are due. Windows are aligned to multiples of {@code size} since the epoch; a window is
 * due once {@code delay} has passed after its end (so late data has arrived). The first run covers the
 * {@code initialLookback} before the end of the latest due window (at least that one window); after that each
 * run continues from the last window recorded, catching up at most {@code maxWindowsPerTick} windows at a time.
 */
public record WindowSchedule(Duration size, Duration delay, Duration initialLookback, int maxWindowsPerTick) {

    public WindowSchedule {
        if (size == null || size.isNegative() || size.isZero() || size.toNanos() % 1_000_000 != 0) {
            throw new IllegalArgumentException("size must be a positive whole number of milliseconds, got " + size);
        }
        if (delay == null || delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative, got " + delay);
        }
        if (initialLookback == null || initialLookback.isNegative()) {
            throw new IllegalArgumentException("initialLookback must not be negative, got " + initialLookback);
        }
        if (maxWindowsPerTick < 1) {
            throw new IllegalArgumentException("maxWindowsPerTick must be at least 1, got " + maxWindowsPerTick);
        }
    }

    /** The start of the window containing {@code t}. */
    public Instant alignDown(Instant t) {
        long sizeMs = size.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(t.toEpochMilli(), sizeMs) * sizeMs);
    }

    public boolean isAligned(Instant t) {
        return alignDown(t).equals(t);
    }

    /** The end of the latest window that is due at {@code now}. */
    public Instant dueUntil(Instant now) {
        return alignDown(now.minus(delay));
    }

    /**
     * The due windows after {@code frontier} (the end of the last window recorded), or, when nothing was recorded
     * yet (null), those of the {@code initialLookback} before the end of the latest due window.
     */
    public List<EtlWindow> dueWindows(Instant frontier, Instant now) {
        Instant until = dueUntil(now);
        Instant start = frontier != null ? alignDown(frontier) : alignDown(until.minus(initialLookback.compareTo(size) > 0 ? initialLookback : size));
        List<EtlWindow> windows = new ArrayList<>();
        for (Instant from = start; !from.plus(size).isAfter(until) && windows.size() < maxWindowsPerTick; from = from.plus(size)) {
            windows.add(new EtlWindow(from, from.plus(size)));
        }
        return windows;
    }

    /** Splits [from, to) into windows; both ends must be aligned. */
    public List<EtlWindow> split(Instant from, Instant to) {
        if (!isAligned(from)) {
            throw new IllegalArgumentException("from " + from + " must be aligned to the window size " + size);
        }
        if (!isAligned(to)) {
            throw new IllegalArgumentException("to " + to + " must be aligned to the window size " + size);
        }
        List<EtlWindow> windows = new ArrayList<>();
        for (Instant t = from; t.isBefore(to); t = t.plus(size)) {
            windows.add(new EtlWindow(t, t.plus(size)));
        }
        return windows;
    }
}
