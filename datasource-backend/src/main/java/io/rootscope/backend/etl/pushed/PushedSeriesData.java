package io.rootscope.backend.etl.pushed;

import java.util.Map;

/** One pushed series' labels and its samples in a time range, in time order (epoch milliseconds). */
record PushedSeriesData(Map<String, String> labels, long[] times, double[] values, int count) {
}
