package io.rootscope.analytics.aggregation;

/** A grouping key together with the start of its time bucket. */
record BucketKey<K>(K key, long bucketStartMillis) {
}
