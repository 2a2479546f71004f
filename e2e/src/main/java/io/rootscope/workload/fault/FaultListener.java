package io.rootscope.workload.fault;

/** Told about every fault state change (scheduled, started, finished, cancelled). */
@FunctionalInterface
public interface FaultListener {

    void changed(Fault fault);
}
