package io.rootscope.workload.topology;

/** A Kubernetes node the pods run on. */
public record Host(String name, int cores, long memoryBytes) {

    public Host {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("host name must not be blank");
        }
        if (cores < 1) {
            throw new IllegalArgumentException("cores must be >= 1, got " + cores);
        }
        if (memoryBytes <= 0) {
            throw new IllegalArgumentException("memoryBytes must be > 0, got " + memoryBytes);
        }
    }
}
