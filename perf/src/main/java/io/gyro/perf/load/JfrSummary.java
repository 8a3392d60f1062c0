package io.gyro.perf.load;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Where the time went, from a flight recording: CPU per thread ({@code jdk.ThreadCPULoad}), Java execution samples
 * by top frame and by the code areas on the stack, native samples by top frame (threads in syscalls such as
 * {@code epoll_wait} or {@code write}), and garbage collection. The same as {@code jfr print --events
 * jdk.ExecutionSample} summarised by hand, written as Markdown.
 */
public final class JfrSummary
{
    /** Rows per table: enough to see where the time goes, short enough to read. */
    public static final int TOP = 15;

    /**
     * Code areas a stack is attributed to, most specific first; a sample counts once for every area on its stack
     * ("inclusive"), so the rows can add up to more than 100%.
     */
    static final Map<String, String> AREAS = areas();

    private JfrSummary()
    {
    }

    private static Map<String, String> areas()
    {
        final Map<String, String> areas = new LinkedHashMap<>();
        areas.put("io.gyro.ledger.journal", "ledger journal (Gyro)");
        areas.put("io.gyro.ledger", "ledger (Gyro)");
        areas.put("io.gyro.server.diameter", "Diameter handling (Gyro server)");
        areas.put("io.gyro.server", "server other (Gyro)");
        areas.put("io.gyro.protocol", "codec (Gyro protocol)");
        areas.put("io.gyro.simulator", "simulator");
        areas.put("io.gyro.perf", "echo / load run");
        areas.put("net.openhft", "Chronicle Queue");
        areas.put("com.lmax.disruptor", "Disruptor");
        areas.put("org.HdrHistogram", "HdrHistogram");
        areas.put("io.netty.channel.epoll", "Netty epoll transport");
        areas.put("io.netty.buffer", "Netty buffers");
        areas.put("io.netty", "Netty other");
        return areas;
    }

    /**
     * @param recording a .jfr file.
     * @param title     heading of the section.
     * @return the summary as Markdown.
     * @throws IOException when the file cannot be read.
     */
    public static String summarise(final Path recording, final String title) throws IOException
    {
        final Map<String, double[]> threadLoad = new HashMap<>();
        final Map<String, Long> javaTop = new HashMap<>();
        final Map<String, Long> javaThreads = new HashMap<>();
        final Map<String, Long> javaAreas = new HashMap<>();
        final Map<String, Long> nativeTop = new HashMap<>();
        final Map<String, Long> allocationTop = new HashMap<>();
        long allocatedBytes = 0;
        long javaSamples = 0;
        long nativeSamples = 0;
        long gcCount = 0;
        Duration gcTime = Duration.ZERO;
        Duration longestGc = Duration.ZERO;
        for (final RecordedEvent event : RecordingFile.readAllEvents(recording))
        {
            switch (event.getEventType().getName())
            {
                case "jdk.ExecutionSample" ->
                {
                    javaSamples++;
                    final RecordedStackTrace stack = event.getStackTrace();
                    increment(javaTop, topFrame(stack));
                    increment(javaThreads, threadName(event.getThread("sampledThread")));
                    for (final String area : areasOf(stack))
                    {
                        increment(javaAreas, area);
                    }
                }
                case "jdk.NativeMethodSample" ->
                {
                    nativeSamples++;
                    increment(nativeTop, threadName(event.getThread("sampledThread")) + ": " + topFrame(event.getStackTrace()));
                }
                case "jdk.ObjectAllocationSample" ->
                {
                    // The weight is the bytes allocated since the thread's previous sample: a share, not an exact count.
                    final long weight = event.getLong("weight");
                    allocatedBytes += weight;
                    allocationTop.merge(threadName(event.getThread("eventThread")) + ": " +
                        firstOwnFrame(event.getStackTrace()), weight, Long::sum);
                }
                case "jdk.ThreadCPULoad" ->
                {
                    final double[] load = threadLoad.computeIfAbsent(threadName(event.getThread()), key -> new double[3]);
                    load[0] += event.getFloat("user");
                    load[1] += event.getFloat("system");
                    load[2]++;
                }
                case "jdk.GarbageCollection" ->
                {
                    gcCount++;
                    gcTime = gcTime.plus(event.getDuration("sumOfPauses"));
                    if (event.getDuration("longestPause").compareTo(longestGc) > 0)
                    {
                        longestGc = event.getDuration("longestPause");
                    }
                }
                default ->
                {
                    // Other events of the profile settings are not summarised.
                }
            }
        }

        final StringBuilder out = new StringBuilder();
        out.append("#### ").append(title).append("\n\n");
        out.append("Recording: `").append(recording.getFileName()).append("`. ");
        out.append(String.format(Locale.ROOT, "GC: %d collections, %.1f ms paused in total, longest pause %.2f ms.%n%n",
            gcCount, gcTime.toNanos() / 1e6, longestGc.toNanos() / 1e6));

        out.append("CPU by thread (jdk.ThreadCPULoad, mean share of the whole machine; 50% = one of two cores):\n\n");
        out.append("| thread | user | system |\n|---|---:|---:|\n");
        final List<Map.Entry<String, double[]>> loads = new ArrayList<>(threadLoad.entrySet());
        loads.sort((a, b) -> Double.compare(b.getValue()[0] + b.getValue()[1], a.getValue()[0] + a.getValue()[1]));
        for (final Map.Entry<String, double[]> entry : loads.subList(0, Math.min(TOP, loads.size())))
        {
            final double[] load = entry.getValue();
            if (load[0] + load[1] < 0.001)
            {
                break;
            }
            out.append(String.format(Locale.ROOT, "| %s | %.1f%% | %.1f%% |%n", entry.getKey(),
                100 * load[0] / load[2], 100 * load[1] / load[2]));
        }
        out.append('\n');

        table(out, "Java samples by thread", javaThreads, javaSamples, "samples");
        table(out, "Java samples by code area on the stack (inclusive)", javaAreas, javaSamples, "samples");
        table(out, "Java samples by top frame (self time)", javaTop, javaSamples, "samples");
        table(out, "Native samples by thread and top frame (time in syscalls and waits)", nativeTop, nativeSamples,
            "samples");
        final Map<String, Long> allocationKb = new HashMap<>();
        allocationTop.forEach((key, bytes) -> allocationKb.put(key, bytes / 1024));
        table(out, "Allocation by thread and first non-JDK frame (jdk.ObjectAllocationSample weights)", allocationKb,
            allocatedBytes / 1024, "KB");
        return out.toString();
    }

    private static void table(
        final StringBuilder out, final String title, final Map<String, Long> counts, final long total, final String unit)
    {
        out.append(title).append(String.format(Locale.ROOT, " (%,d %s):%n%n", total, unit));
        out.append("| | ").append(unit).append(" | share |\n|---|---:|---:|\n");
        final List<Map.Entry<String, Long>> rows = new ArrayList<>(counts.entrySet());
        rows.sort((a, b) -> Long.compare(b.getValue(), a.getValue()));
        for (final Map.Entry<String, Long> row : rows.subList(0, Math.min(TOP, rows.size())))
        {
            out.append(String.format(Locale.ROOT, "| `%s` | %,d | %.1f%% |%n", row.getKey(), row.getValue(),
                0 == total ? 0.0 : 100.0 * row.getValue() / total));
        }
        out.append('\n');
    }

    private static void increment(final Map<String, Long> counts, final String key)
    {
        counts.merge(key, 1L, Long::sum);
    }

    private static String threadName(final RecordedThread thread)
    {
        if (null == thread)
        {
            return "?";
        }
        final String name = null != thread.getJavaName() ? thread.getJavaName() : thread.getOSName();
        // Pool threads differ only by a number; group them ("gyro-diameter-1-1" -> "gyro-diameter-#").
        return null == name ? "?" : name.replaceAll("[-#]?\\d+(-\\d+)*$", "-#");
    }

    private static String topFrame(final RecordedStackTrace stack)
    {
        if (null == stack || stack.getFrames().isEmpty())
        {
            return "?";
        }
        return methodName(stack.getFrames().get(0).getMethod());
    }

    /** The first frame outside java.*, jdk.* and sun.*: which of our or a library's methods allocated. */
    private static String firstOwnFrame(final RecordedStackTrace stack)
    {
        if (null == stack || stack.getFrames().isEmpty())
        {
            return "?";
        }
        for (final RecordedFrame frame : stack.getFrames())
        {
            final String type = frame.getMethod().getType().getName();
            if (!type.startsWith("java.") && !type.startsWith("jdk.") && !type.startsWith("sun."))
            {
                return methodName(frame.getMethod());
            }
        }
        return topFrame(stack);
    }

    private static String methodName(final RecordedMethod method)
    {
        final String type = method.getType().getName();
        return type.substring(type.lastIndexOf('.') + 1) + "." + method.getName();
    }

    static Set<String> areasOf(final RecordedStackTrace stack)
    {
        final Set<String> found = new LinkedHashSet<>();
        if (null == stack)
        {
            return found;
        }
        for (final RecordedFrame frame : stack.getFrames())
        {
            final String type = frame.getMethod().getType().getName();
            for (final Map.Entry<String, String> area : AREAS.entrySet())
            {
                if (type.startsWith(area.getKey()))
                {
                    found.add(area.getValue());
                    break;
                }
            }
        }
        return found;
    }
}
