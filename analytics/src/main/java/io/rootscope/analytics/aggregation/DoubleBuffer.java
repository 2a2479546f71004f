package io.rootscope.analytics.aggregation;

import java.util.Arrays;

/** A growable array of primitive doubles, so hot paths neither box values nor allocate per sample. */
final class DoubleBuffer {

    private static final int INITIAL_CAPACITY = 8;

    private double[] values = new double[INITIAL_CAPACITY];
    private int size;
    private double sum;
    private double max = Double.NEGATIVE_INFINITY;

    void add(double value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = value;
        sum += value;
        max = Math.max(max, value);
    }

    int size() {
        return size;
    }

    double mean() {
        return sum / size;
    }

    double max() {
        return max;
    }

    /** Sorts the values in place and returns them; only the first {@link #size()} are valid. */
    double[] sorted() {
        Arrays.sort(values, 0, size);
        return values;
    }
}
