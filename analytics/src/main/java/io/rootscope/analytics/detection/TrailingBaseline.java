package io.rootscope.analytics.detection;

import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * The normal points of a series within a time window that ends at the newest of them, kept both in time order
 * (to evict the oldest) and sorted by value (for order statistics). Adding or evicting a point costs O(w) for
 * w points in the window; every statistic costs at most O(w).
 */
final class TrailingBaseline {

    private final long widthMillis;
    private final ArrayDeque<SeriesPoint> points = new ArrayDeque<>();
    private double[] sorted = new double[16];
    private int size;

    TrailingBaseline(long widthMillis) {
        this.widthMillis = widthMillis;
    }

    /** Adds a point, then drops the points that fell out of the window ending at it. */
    void add(SeriesPoint point) {
        points.addLast(point);
        if (size == sorted.length) {
            sorted = Arrays.copyOf(sorted, size * 2);
        }
        int at = insertionIndex(point.value());
        System.arraycopy(sorted, at, sorted, at + 1, size - at);
        sorted[at] = point.value();
        size++;
        while (points.getFirst().epochMillis() < point.epochMillis() - widthMillis) {
            remove(points.removeFirst().value());
        }
    }

    int size() {
        return size;
    }

    double median() {
        return size % 2 == 1 ? sorted[size / 2] : (sorted[size / 2 - 1] + sorted[size / 2]) / 2;
    }

    /**
     * The median of |x − median|. The distances grow outwards from the median on both sides of the sorted
     * values, so merging the two sides finds it in O(w) without sorting the distances.
     */
    double medianAbsoluteDeviation() {
        double median = median();
        int right = lowestAtOrAbove(median);
        int left = right - 1;
        int wanted = (size - 1) / 2;
        double lower = 0;
        double upper = 0;
        for (int taken = 0; taken <= size / 2; taken++) {
            double next;
            if (left < 0) {
                next = sorted[right++] - median;
            } else if (right >= size) {
                next = median - sorted[left--];
            } else if (median - sorted[left] <= sorted[right] - median) {
                next = median - sorted[left--];
            } else {
                next = sorted[right++] - median;
            }
            if (taken == wanted) {
                lower = next;
            }
            upper = next;
        }
        return size % 2 == 1 ? lower : (lower + upper) / 2;
    }

    double mean() {
        double sum = 0;
        for (int i = 0; i < size; i++) {
            sum += sorted[i];
        }
        return sum / size;
    }

    /** The sample standard deviation (divisor w − 1). */
    double standardDeviation() {
        double mean = mean();
        double squares = 0;
        for (int i = 0; i < size; i++) {
            squares += (sorted[i] - mean) * (sorted[i] - mean);
        }
        return Math.sqrt(squares / (size - 1));
    }

    /** The share of the window's points whose value is at most {@code value}. */
    double shareAtOrBelow(double value) {
        return size == 0 ? 0 : (double) lowestAtOrAbove(Math.nextUp(value)) / size;
    }

    private void remove(double value) {
        int at = lowestAtOrAbove(value);
        System.arraycopy(sorted, at + 1, sorted, at, size - at - 1);
        size--;
    }

    private int insertionIndex(double value) {
        int at = Arrays.binarySearch(sorted, 0, size, value);
        return at >= 0 ? at : -at - 1;
    }

    /** The index of the first value >= {@code value}. */
    private int lowestAtOrAbove(double value) {
        int low = 0;
        int high = size;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (sorted[mid] < value) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }
}
