package io.rootscope.backend.etl.write;

/** One sample of a {@link PushedSeries}: a finite value at a time in nanoseconds since the Unix epoch. */
public record PushedSample(long timeUnixNano, double value) {

    public PushedSample {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("a pushed sample must be finite, got " + value);
        }
    }
}
