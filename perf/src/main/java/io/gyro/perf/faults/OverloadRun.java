package io.gyro.perf.faults;

import io.gyro.config.ConfigurationKeys;
import io.gyro.protocol.diameter.dictionary.ResultCode;
import io.gyro.simulator.SimulatorOptions;
import io.gyro.simulator.SimulatorRunner;
import io.gyro.simulator.pgw.DiameterLabels;
import io.gyro.simulator.report.Counter;
import io.gyro.simulator.report.RunSummary;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Offered load at twice the highest sustainable rate (issue 8), against the real server in a JVM of its own:
 * <ol>
 *   <li><b>capacity</b>: closed loop with {@link #CAPACITY_WINDOW} requests in flight per PGW for a while; its
 *   throughput is taken as the highest sustainable rate R (or give {@code --rate R}, e.g. the highest rate
 *   {@code ./gyro bench} held within 10 ms, to skip it);</li>
 *   <li><b>overload</b>: open loop at 2R: the server must shed with 3004 (E bit) what it cannot take, while what it
 *   accepts keeps a bounded latency (bounded by the ring: the ring size over the throughput);</li>
 *   <li><b>after</b>: open loop at R/2: shedding must stop at once and latency come back.</li>
 * </ol>
 * Each phase is a whole simulator run (sessions begun, ended, DPR). The report gives, per phase, the offered and
 * answered rates, the answers by Result-Code and the latency of CCR-U and CCR-T (mostly accepted; shed CCR-Is are
 * answered at once and would flatter the figures), and is written to {@code overload-report.txt}.
 * <pre>
 * ./gyro overload [--capacity-seconds 20] [--overload-seconds 30] [--after-seconds 20] [--rate R]
 *                 [--sync batch|none] [--ring 8192] [--subscribers 100000] [--heap 2g] [--report-dir DIR]
 * </pre>
 */
public final class OverloadRun
{
    /**
     * Requests in flight per PGW in the capacity phase: 16 x 4 PGWs = 64 in flight keeps the ledger's batches full
     * while bounding each answer's wait (Little's law: 64 / throughput), so the throughput it reaches is a rate the
     * server sustains with bounded latency, not the throughput of a saturated queue.
     */
    static final int CAPACITY_WINDOW = 16;

    private OverloadRun()
    {
    }

    /**
     * @param args options, see the class comment.
     * @throws Exception when the server cannot start.
     */
    public static void main(final String[] args) throws Exception
    {
        final Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("capacity-seconds", "20");
        defaults.put("overload-seconds", "30");
        defaults.put("after-seconds", "20");
        defaults.put("rate", "0");
        defaults.put("sync", "batch");
        defaults.put("ring", ConfigurationKeys.LEDGER_RING_SIZE.defaultText());
        defaults.put("subscribers", "100000");
        defaults.put("heap", "2g");
        defaults.put("report-dir", "overload-report/" + Instant.now().toString().replace(':', '-'));
        final Map<String, String> options = RunSupport.optionsOrExit("overload", args, defaults);
        final Path reportDir = Path.of(options.get("report-dir")).toAbsolutePath();
        Files.createDirectories(reportDir);
        final int subscribers = Integer.parseInt(options.get("subscribers"));
        final int port = ServerProcess.freePort();
        final ServerProcess server = new ServerProcess(reportDir.resolve("data"), port, ServerProcess.freePort(),
            options.get("heap"), List.of("demo.subscribers.count=" + subscribers, "ledger.journal-sync=" +
            options.get("sync"), "ledger.ring-size=" + options.get("ring")), reportDir.resolve("server.log"));
        final StringBuilder report = new StringBuilder();
        try
        {
            server.start(Duration.ofMinutes(5));
            line(report, "Gyro overload run, %s, ring %s, journal-sync %s, %d subscribers, %s", Instant.now(),
                options.get("ring"), options.get("sync"), subscribers, RunSupport.MIX);
            double rate = Double.parseDouble(options.get("rate"));
            if (rate <= 0)
            {
                final SimulatorOptions capacity = RunSupport.simulator(server, port, subscribers, 4 * CAPACITY_WINDOW *
                    RunSupport.CONNECTIONS, reportDir.resolve("capacity")).window(CAPACITY_WINDOW)
                    .duration(Duration.ofSeconds(Long.parseLong(options.get("capacity-seconds")))).conclude();
                final RunSummary summary = phase(report, "capacity (closed loop, " + CAPACITY_WINDOW + " in flight " +
                    "per PGW)", RunSupport.simulate(capacity));
                rate = summary.throughputPerSecond();
            }
            line(report, "highest sustainable rate R = %,.0f requests/s", rate);
            final long overloadRate = Math.round(2 * rate);
            final SimulatorOptions overload = RunSupport.simulator(server, port, subscribers,
                (int)Math.max(10_000, overloadRate), reportDir.resolve("overload")).rate(overloadRate)
                .duration(Duration.ofSeconds(Long.parseLong(options.get("overload-seconds")))).conclude();
            phase(report, String.format(Locale.ROOT, "overload (open loop at 2R = %,d/s)", overloadRate),
                RunSupport.simulate(overload));
            final long afterRate = Math.round(rate / 2);
            final SimulatorOptions after = RunSupport.simulator(server, port, subscribers,
                (int)Math.max(5_000, afterRate), reportDir.resolve("after")).rate(afterRate)
                .duration(Duration.ofSeconds(Long.parseLong(options.get("after-seconds")))).conclude();
            phase(report, String.format(Locale.ROOT, "after (open loop at R/2 = %,d/s)", afterRate),
                RunSupport.simulate(after));
        }
        finally
        {
            server.close();
        }
        System.out.print(report);
        Files.writeString(reportDir.resolve("overload-report.txt"), report, StandardCharsets.UTF_8);
        System.out.println("report: " + reportDir.resolve("overload-report.txt"));
    }

    private static RunSummary phase(final StringBuilder report, final String name, final SimulatorRunner.Outcome outcome)
        throws IOException
    {
        final RunSummary summary = outcome.summary();
        if (null == summary)
        {
            throw new IOException("phase " + name + " could not run: " + outcome.report());
        }
        final long shed = summary.resultCodes().getOrDefault(ResultCode.TOO_BUSY, 0L);
        final long success = summary.resultCodes().getOrDefault(ResultCode.SUCCESS, 0L);
        line(report, "");
        line(report, "%s, %.1f s", name, summary.elapsedNs() / 1e9);
        line(report, "  sent %,d  answered %,d (%,.0f/s)  2001: %,d  3004 shed: %,d (%.1f %%)  unanswered %,d",
            summary.totalSent(), summary.totalAnswered(), summary.throughputPerSecond(), success, shed,
            100.0 * shed / Math.max(1, summary.totalAnswered()), summary.lostAnswers());
        line(report, "  load average %s; the open loop fell up to %.0f ms behind its schedule (a sign that the machine, not" +
            " the server, limited the offered rate)", loadAverage(), summary.counter(Counter.MAX_SEND_LAG_NS) / 1e6);
        line(report, "  service time from actual send, p50 / p99 / p99.9 / max: %s",
            RunSupport.percentiles(summary.serviceTime()));
        line(report, "  latency from intended send, p50 / p99 / p99.9 / max:");
        line(report, "    CCR-I %s", RunSupport.percentiles(summary.responseTime(DiameterLabels.INITIAL)));
        line(report, "    CCR-U %s", RunSupport.percentiles(summary.responseTime(DiameterLabels.UPDATE)));
        line(report, "    CCR-T %s", RunSupport.percentiles(summary.responseTime(DiameterLabels.TERMINATION)));
        line(report, "    all   %s", RunSupport.percentiles(summary.responseTime()));
        line(report, "  result codes %s", summary.resultCodes());
        return summary;
    }

    /** @return the 1, 5 and 15-minute load averages from /proc (Linux), or "?". */
    static String loadAverage()
    {
        try
        {
            final String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        }
        catch (final IOException | RuntimeException ex)
        {
            return "?";
        }
    }

    private static void line(final StringBuilder report, final String format, final Object... args)
    {
        report.append(String.format(Locale.ROOT, format, args)).append(System.lineSeparator());
    }
}
