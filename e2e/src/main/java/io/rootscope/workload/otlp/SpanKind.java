package io.rootscope.workload.otlp;

/** OTLP span kinds with their protocol enum numbers. */
public enum SpanKind {
    SERVER(2),
    CLIENT(3),
    PRODUCER(4),
    CONSUMER(5);

    private final int number;

    SpanKind(int number) {
        this.number = number;
    }

    public int number() {
        return number;
    }
}
