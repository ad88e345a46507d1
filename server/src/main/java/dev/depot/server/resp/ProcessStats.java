package dev.depot.server.resp;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What the operating system says about the process: resident memory and CPU time (from /proc on
 * Linux, from the JVM's management beans elsewhere), and the machine's memory.
 */
final class ProcessStats {
    /** Linux reports CPU time in clock ticks of 1/100 s (USER_HZ) on every architecture it runs on. */
    private static final long NANOS_PER_TICK = 10_000_000;

    /** CPU time spent in user and kernel mode. */
    record CpuTimes(long userNanos, long systemNanos) {
    }

    private ProcessStats() {
    }

    /** Resident set size in bytes (0 when the platform does not say). */
    static long residentBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: fall through
        }
        return 0;
    }

    static long systemBytes() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize();
        }
        return 0;
    }

    static CpuTimes cpuTimes() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            // the command name, in parentheses, may hold spaces: count fields after its closing one
            List<String> fields = List.of(stat.substring(stat.lastIndexOf(')') + 2).split(" "));
            return new CpuTimes(Long.parseLong(fields.get(11)) * NANOS_PER_TICK,
                    Long.parseLong(fields.get(12)) * NANOS_PER_TICK);
        } catch (IOException | RuntimeException e) {
            if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
                return new CpuTimes(Math.max(0, os.getProcessCpuTime()), 0);
            }
            return new CpuTimes(0, 0);
        }
    }
}
