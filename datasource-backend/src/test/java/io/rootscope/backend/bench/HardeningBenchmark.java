package io.rootscope.backend.bench;

/**
 * {@code ./rootscope bench hardening}: the figures of the hardening issue, one after another, each on a database of its
 * own and printed next to its target: the heap while 200 MB bodies are refused and {@code /health} under slow-body
 * connections (first, so the heap's peak is this JVM's own), late records reaching the five-minute tables, 50
 * concurrent {@code rca} queries, a huge log line's bounded template, and the cost of reading as one tenant.
 */
public final class HardeningBenchmark {

    private HardeningBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String[] none = new String[0];
        HardeningLimitsBenchmark.run();
        LateDataBenchmark.main(none);
        ConcurrentRcaBenchmark.main(none);
        LogTemplateBoundBenchmark.main(none);
        TenantScopeBenchmark.main(none);
        // The slow-body clients' threads would keep the JVM alive.
        System.exit(0);
    }
}
