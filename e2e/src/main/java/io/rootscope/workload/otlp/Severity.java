package io.rootscope.workload.otlp;

/** OTLP log severities used by the simulated services, with their severity numbers. */
public enum Severity {
    INFO(9),
    WARN(13),
    ERROR(17);

    private final int number;

    Severity(int number) {
        this.number = number;
    }

    public int number() {
        return number;
    }
}
