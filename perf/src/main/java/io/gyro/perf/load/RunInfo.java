package io.gyro.perf.load;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The facts a number needs beside it (STYLE.md §8: "report a number only with its machine, JVM and rate"): the
 * machine, how loaded it was, the JVM and its flags, and the git revision.
 */
final class RunInfo
{
    /** Longest wait for a {@code git} call. */
    static final long GIT_TIMEOUT_SECONDS = 10;

    private RunInfo()
    {
    }

    /**
     * @return machine, JVM and git facts as properties (keys {@code machine.*}, {@code jvm.*}, {@code git.*}).
     */
    static Map<String, String> collect()
    {
        final Map<String, String> info = new LinkedHashMap<>();
        info.put("machine.nproc", Integer.toString(Runtime.getRuntime().availableProcessors()));
        info.put("machine.cpu-model", firstValue(Path.of("/proc/cpuinfo"), "model name"));
        info.put("machine.memory", firstValue(Path.of("/proc/meminfo"), "MemTotal"));
        info.put("machine.os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " +
            System.getProperty("os.arch"));
        info.put("machine.loadavg.start", loadAverage());
        info.put("jvm.version", System.getProperty("java.runtime.version"));
        info.put("jvm.vendor", System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.name"));
        info.put("jvm.home", System.getProperty("java.home"));
        info.put("jvm.load-run.flags", String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
        info.put("git.revision", git("rev-parse", "HEAD"));
        final String status = git("status", "--porcelain", "--untracked-files=no");
        info.put("git.dirty", "unknown".equals(status) ? "unknown" : Boolean.toString(!status.isBlank()));
        return info;
    }

    /** @return the three load averages of {@code /proc/loadavg} (1, 5, 15 minutes), or "unknown". */
    static String loadAverage()
    {
        try
        {
            final String[] fields = Files.readString(Path.of("/proc/loadavg"), StandardCharsets.US_ASCII).trim().split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        }
        catch (final IOException | RuntimeException ex)
        {
            return "unknown";
        }
    }

    private static String firstValue(final Path file, final String key)
    {
        try
        {
            for (final String line : Files.readAllLines(file, StandardCharsets.UTF_8))
            {
                if (line.startsWith(key))
                {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            // Not Linux: say so below.
        }
        return "unknown";
    }

    private static String git(final String... arguments)
    {
        final List<String> command = new java.util.ArrayList<>();
        command.add("git");
        command.addAll(List.of(arguments));
        try
        {
            final Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!process.waitFor(GIT_TIMEOUT_SECONDS, TimeUnit.SECONDS) || 0 != process.exitValue())
            {
                return "unknown";
            }
            return output;
        }
        catch (final IOException ex)
        {
            return "unknown";
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
