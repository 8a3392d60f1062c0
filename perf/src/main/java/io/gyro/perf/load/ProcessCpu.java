package io.gyro.perf.load;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * CPU time consumed by a process, user plus system: {@code /proc/<pid>/stat} for the server JVM, the platform
 * MXBean for this JVM (the simulator's side of the run).
 */
public final class ProcessCpu
{
    /**
     * USER_HZ, the unit of {@code utime}/{@code stime} in {@code /proc/<pid>/stat} (proc(5)); Linux fixes it at 100
     * for user space on every architecture we run on ({@code getconf CLK_TCK}).
     */
    static final long CLOCK_TICKS_PER_SECOND = 100;
    /** 1-based field numbers of utime and stime in {@code /proc/<pid>/stat} (proc(5)). */
    static final int UTIME_FIELD = 14;
    static final int STIME_FIELD = 15;

    private ProcessCpu()
    {
    }

    /**
     * @param pid a live process.
     * @return its CPU time so far in ns, or -1 when it cannot be read.
     */
    public static long cpuNanos(final long pid)
    {
        try
        {
            return parseStat(Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII));
        }
        catch (final IOException | RuntimeException ex)
        {
            return ProcessHandle.of(pid).flatMap(handle -> handle.info().totalCpuDuration())
                .map(Duration::toNanos).orElse(-1L);
        }
    }

    /**
     * @param stat the one line of {@code /proc/<pid>/stat}.
     * @return utime + stime in ns.
     */
    static long parseStat(final String stat)
    {
        // Field 2 is the command in parentheses and may itself hold spaces and ')'; count fields after the last ')'.
        final String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        final long ticks = Long.parseLong(fields[UTIME_FIELD - 3]) + Long.parseLong(fields[STIME_FIELD - 3]);
        return ticks * (1_000_000_000L / CLOCK_TICKS_PER_SECOND);
    }

    /** @return CPU time of this JVM so far in ns, or -1 when the platform does not say. */
    public static long selfCpuNanos()
    {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os)
        {
            return os.getProcessCpuTime();
        }
        return cpuNanos(ProcessHandle.current().pid());
    }
}
