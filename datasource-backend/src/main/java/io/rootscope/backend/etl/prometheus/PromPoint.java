package io.rootscope.backend.etl.prometheus;

import java.time.Instant;

/** One evaluated point of a range query; the value may be NaN or infinite (e.g. a rate ratio over no requests). */
public record PromPoint(Instant ts, double value) {
}
