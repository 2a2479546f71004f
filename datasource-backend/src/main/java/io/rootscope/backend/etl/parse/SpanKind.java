package io.rootscope.backend.etl.parse;

/** The OTLP span kind; the ordinal is the OTLP enum number. */
public enum SpanKind {
    UNSPECIFIED,
    INTERNAL,
    SERVER,
    CLIENT,
    PRODUCER,
    CONSUMER
}
