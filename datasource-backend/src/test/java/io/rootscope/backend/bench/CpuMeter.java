package io.rootscope.backend.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Who used the machine's CPUs during a phase (Linux /proc): all processes together, this JVM (backend and loader), and the
 * PostgreSQL backends serving the benchmark's database; what remains is other people's work, which makes the figures
 * CPU-contended. Also the load averages, as {@code uptime} prints them.
 */
public final class CpuMeter {

    /** Linux reports /proc times in USER_HZ ticks, 100 per second on every common build. */
    private static final double TICKS_PER_SECOND = 100;

    record Snapshot(long wallNanos, long busyTicks, long allTicks, long jvmCpuNanos, long databaseTicks) {
    }

    /** CPU use over a phase, in cores (1.0 = one core busy the whole time). */
    record Usage(double total, double jvm, double database, int cores, String loadAverage) {

        double others() {
            return Math.max(0, total - jvm - database);
        }

        /** Other people's work took more than a third of a core from the phase. */
        boolean contended() {
            return others() > 0.3;
        }

        /** Every core was busy, whoever with: the figure is CPU-bound. */
        boolean saturated() {
            return total > 0.9 * cores;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "CPU %.2f of %d cores busy (this JVM %.2f, its PostgreSQL backends %.2f, others %.2f)%s%s; load %s",
                    total, cores, jvm, database, others(), contended() ? " — CPU-CONTENDED" : "", saturated() ? ", saturated" : "",
                    loadAverage);
        }
    }

    private final Supplier<List<Long>> databasePids;
    private final int cores = Runtime.getRuntime().availableProcessors();

    /** @param databasePids the PostgreSQL backend processes of the benchmark's database (pg_stat_activity) */
    CpuMeter(Supplier<List<Long>> databasePids) {
        this.databasePids = databasePids;
    }

    public static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2] + " (1/5/15 min)";
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    Snapshot snapshot() {
        long busy = 0;
        long all = 0;
        try {
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            // user nice system idle iowait irq softirq steal: idle and iowait are not busy.
            for (int i = 1; i < Math.min(cpu.length, 9); i++) {
                long ticks = Long.parseLong(cpu[i]);
                all += ticks;
                if (i != 4 && i != 5) {
                    busy += ticks;
                }
            }
        } catch (IOException | RuntimeException e) {
            // No /proc: CPU figures come out as zero.
        }
        long database = 0;
        for (long pid : databasePids.get()) {
            database += processTicks(pid);
        }
        long jvm = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
        return new Snapshot(System.nanoTime(), busy, all, jvm, database);
    }

    Usage since(Snapshot before) {
        Snapshot now = snapshot();
        double seconds = (now.wallNanos() - before.wallNanos()) / 1e9;
        long allTicks = now.allTicks() - before.allTicks();
        double total = allTicks == 0 ? 0 : cores * (double) (now.busyTicks() - before.busyTicks()) / allTicks;
        double jvm = (now.jvmCpuNanos() - before.jvmCpuNanos()) / 1e9 / seconds;
        // Backends that ended between the snapshots are lost, new ones counted whole: the pools keep theirs open.
        double database = Math.max(0, (now.databaseTicks() - before.databaseTicks()) / TICKS_PER_SECOND / seconds);
        return new Usage(total, jvm, database, cores, loadAverage());
    }

    private static long processTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            // Fields after the command name (which may hold spaces) : utime and stime are the 14th and 15th fields.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    int cores() {
        return cores;
    }
}
