package io.rootscope.backend.testing;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.stream.Stream;

/** CPU time for the benchmarks: of this JVM, and of the PostgreSQL backends serving a database (Linux /proc). */
public final class ProcessCpu {

    /** Linux reports /proc times in USER_HZ ticks, 100 per second on every common build. */
    private static final double TICKS_PER_SECOND = 100;

    private ProcessCpu() {
    }

    public static double jvmSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
    }

    /**
     * The part of {@link #jvmSeconds} spent by HotSpot's JIT compiler threads (Linux /proc): what a short benchmark
     * pays for compiling the code it then runs, which a long-running backend pays once. NaN off Linux.
     */
    public static double jitSeconds() {
        try (Stream<Path> threads = Files.list(Path.of("/proc/self/task"))) {
            return threads.mapToDouble(ProcessCpu::compilerSeconds).sum();
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** The CPU seconds of a thread of this process if it is a JIT compiler's, else (or when it ended) 0. */
    private static double compilerSeconds(Path thread) {
        try {
            String stat = Files.readString(thread.resolve("stat"));
            String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
            return name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre") ? cpuSeconds(stat) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /**
     * User plus system CPU seconds of the backends connected to the connection's database now: a pool keeps its
     * backends, so the difference of two readings is the database's work between them (less that of parallel
     * workers which ended in between: a lower bound). NaN when the server's processes are not on this host (a
     * container, another machine).
     */
    public static double databaseSeconds(Connection connection) throws SQLException {
        double seconds = 0;
        boolean seen = false;
        try (Statement statement = connection.createStatement();
             ResultSet pids = statement.executeQuery("SELECT pid FROM pg_stat_activity WHERE datname = current_database()")) {
            while (pids.next()) {
                double backend = postgresSeconds(pids.getLong(1));
                if (!Double.isNaN(backend)) {
                    seconds += backend;
                    seen = true;
                }
            }
        }
        return seen ? seconds : Double.NaN;
    }

    /** The user plus system seconds of a /proc stat line. */
    private static double cpuSeconds(String stat) {
        // utime and stime are the 14th and 15th fields, counted after the command name (which may hold spaces).
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
    }

    /** NaN unless the pid is a postgres process of this host. */
    private static double postgresSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            if (!stat.contains("(postgres)")) {
                return Double.NaN;
            }
            return cpuSeconds(stat);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }
}
