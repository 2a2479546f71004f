package io.rootscope.backend.etl.parse;

/** The two encodings of an OTLP/HTTP export request (OTLP specification, "OTLP/HTTP"). */
public enum OtlpEncoding {
    /** Binary protobuf, what SDKs and the Collector send by default. */
    PROTOBUF,
    /** The JSON mapping of the same messages, with trace and span ids as hex strings. */
    JSON
}
