package io.gyro.perf.faults;

import io.gyro.config.ConfigurationKeys;
import io.gyro.simulator.SimulatorOptions;
import io.gyro.simulator.SimulatorRunner;
import io.gyro.simulator.report.FinalReport;
import io.gyro.simulator.report.RunSummary;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The soak (issue 8): the real server in a JVM of its own, driven for an hour at half the highest sustainable rate by
 * the simulator (open loop, data/voice/event sessions, end-to-end verification at the end), with the server's heap
 * (used, and live data after the last collection), resident memory, open file handles, journal size and growth and
 * the answers' latency percentiles recorded every minute. The report ({@code soak-report.txt}, and {@code soak.csv}
 * for plotting) shows each series with its first-half and second-half means and its least-squares slope, so a leak
 * or a slow drift stands out; the journal, append-only, should grow at a flat rate. At the end the server is killed
 * with SIGKILL and started again on the hour's journal: the report gives that crash recovery's time and the journal's
 * size per million commands.
 * <p>
 * The trends are taken from minute {@code --steady-after} (2) on: the ledger keeps a terminated session, with its
 * recorded answer for retransmissions, for {@code ledger.closed-session-retention} (30 s by default), so memory rises
 * during the first minute of a steady load until sessions are forgotten as fast as they end.
 * <pre>
 * ./gyro soak [--minutes 60] [--rate R] [--capacity-seconds 20] [--sync batch|none] [--ring 8192]
 *             [--subscribers 100000] [--heap 2g] [--steady-after 2] [--report-dir DIR]
 * </pre>
 * Not part of any build: run it by hand (about {@code minutes} + 2 minutes).
 */
public final class SoakRun
{
    /** One sample per minute (issue 8). */
    static final long SAMPLE_PERIOD_MS = 60_000;
    /** Bytes in a MiB, for the report. */
    private static final double MIB = 1 << 20;

    private SoakRun()
    {
    }

    /** One minute's measurements. */
    record Sample(
        long epochMs,
        double minute,
        double heapUsedMib,
        double liveDataMib,
        double rssMib,
        double openFiles,
        double journalMib,
        double journalDiskMib,
        double records,
        double ringOccupancy)
    {
    }

    /**
     * @param args options, see the class comment.
     * @throws Exception when the server cannot start.
     */
    public static void main(final String[] args) throws Exception
    {
        final Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("minutes", "60");
        defaults.put("rate", "0");
        defaults.put("capacity-seconds", "20");
        defaults.put("sync", "batch");
        defaults.put("ring", ConfigurationKeys.LEDGER_RING_SIZE.defaultText());
        defaults.put("subscribers", "100000");
        defaults.put("heap", "2g");
        defaults.put("steady-after", "2");
        defaults.put("report-dir", "soak-report/" + Instant.now().toString().replace(':', '-'));
        final Map<String, String> options = RunSupport.optionsOrExit("soak", args, defaults);
        final Path reportDir = Path.of(options.get("report-dir")).toAbsolutePath();
        Files.createDirectories(reportDir);
        final int subscribers = Integer.parseInt(options.get("subscribers"));
        final long minutes = Long.parseLong(options.get("minutes"));
        final int port = ServerProcess.freePort();
        final Path data = reportDir.resolve("data");
        final ServerProcess server = new ServerProcess(data, port, ServerProcess.freePort(), options.get("heap"),
            List.of("demo.subscribers.count=" + subscribers, "ledger.journal-sync=" + options.get("sync"),
                "ledger.ring-size=" + options.get("ring")), reportDir.resolve("server.log"));
        final StringBuilder report = new StringBuilder();
        final List<Sample> samples = new ArrayList<>();
        final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        SimulatorRunner.Outcome outcome;
        String recovery;
        double rate = Double.parseDouble(options.get("rate"));
        try
        {
            server.start(Duration.ofMinutes(5));
            if (rate <= 0)
            {
                final SimulatorOptions capacity = RunSupport.simulator(server, port, subscribers,
                    4 * OverloadRun.CAPACITY_WINDOW * RunSupport.CONNECTIONS, reportDir.resolve("capacity"))
                    .window(OverloadRun.CAPACITY_WINDOW)
                    .duration(Duration.ofSeconds(Long.parseLong(options.get("capacity-seconds")))).conclude();
                final RunSummary summary = RunSupport.simulate(capacity).summary();
                rate = summary.throughputPerSecond();
                System.err.printf(Locale.ROOT, "soak: highest sustainable rate %,.0f/s, soaking at %,.0f/s for %d min%n",
                    rate, rate / 2, minutes);
            }
            final long soakRate = Math.max(1, Math.round(rate / 2));
            final SimulatorOptions soak = RunSupport.simulator(server, port, subscribers,
                (int)Math.max(10_000, 2 * soakRate), reportDir.resolve("soak")).rate(soakRate)
                .duration(Duration.ofMinutes(minutes)).verify(true).conclude();
            final long startMs = System.currentTimeMillis();
            sampler.scheduleAtFixedRate(() -> samples.add(sample(server, data, startMs)), 0, SAMPLE_PERIOD_MS,
                TimeUnit.MILLISECONDS);
            outcome = CompletableFuture.supplyAsync(() -> RunSupport.simulate(soak)).get();
            sampler.shutdown();
            sampler.awaitTermination(1, TimeUnit.MINUTES);
            samples.add(sample(server, data, startMs));
            final Sample last = samples.get(samples.size() - 1);
            server.kill();
            server.start(Duration.ofMinutes(10));
            recovery = String.format(Locale.ROOT, "crash recovery: SIGKILL after %,.0f journal records (%.1f MiB " +
                "appended, %.1f MiB on disk, %.0f bytes per record = %.0f MiB per million), ready again in %,d ms " +
                "(JVM start included); %s", last.records(), last.journalMib(), last.journalDiskMib(),
                last.journalMib() * MIB / Math.max(1, last.records()), last.journalMib() * 1e6 / Math.max(1,
                last.records()), server.readyAfterMs(), recoveryLine(reportDir.resolve("server.log")));
            final String title = String.format(Locale.ROOT, "Gyro soak, %s: %d min at %,d requests/s (half of %,.0f/s), " +
                "ring %s, journal-sync %s, %d subscribers, %s", Instant.ofEpochMilli(startMs), minutes, soakRate, rate,
                options.get("ring"), options.get("sync"), subscribers, RunSupport.MIX);
            report.append(title).append(System.lineSeparator());
        }
        finally
        {
            sampler.shutdownNow();
            server.close();
        }
        final List<double[]> latencies =
            latencyPerMinute(reportDir.resolve("soak").resolve(FinalReport.LATENCY_HLOG), samples);
        report.append(recovery).append(System.lineSeparator());
        write(report, samples, latencies, outcome, reportDir, Double.parseDouble(options.get("steady-after")));
    }

    /** The ledger's own account of its last recovery, from the server log. */
    private static String recoveryLine(final Path log)
    {
        try
        {
            final List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            for (int i = lines.size() - 1; i >= 0; i--)
            {
                final int at = lines.get(i).indexOf("ledger recovered: snapshot");
                if (at >= 0)
                {
                    return lines.get(i).substring(at);
                }
            }
        }
        catch (final IOException ex)
        {
            return "(no server log)";
        }
        return "(no recovery line)";
    }

    private static Sample sample(final ServerProcess server, final Path data, final long startMs)
    {
        try
        {
            final String metrics = RunSupport.scrape(server.adminUri("/metrics"));
            final long nowMs = System.currentTimeMillis();
            return new Sample(
                nowMs,
                (nowMs - startMs) / 60_000.0,
                RunSupport.sample(metrics, "gyro_jvm_memory_used_bytes", "area=\"heap\"") / MIB,
                RunSupport.sample(metrics, "gyro_jvm_gc_live_data_size_bytes") / MIB,
                residentMib(server.pid()),
                openFiles(server.pid()),
                RunSupport.sample(metrics, "gyro_journal_appended_bytes_total") / MIB,
                diskMib(data.resolve("journal")),
                RunSupport.sample(metrics, "gyro_journal_records_total"),
                RunSupport.sample(metrics, "gyro_ledger_ring_occupancy_ratio"));
        }
        catch (final RuntimeException ex)
        {
            System.err.println("soak: sample failed: " + ex);
            final long nowMs = System.currentTimeMillis();
            return new Sample(nowMs, (nowMs - startMs) / 60_000.0, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
    }

    /** Open file descriptors of the server, from /proc (Linux); NaN elsewhere. */
    private static double openFiles(final long pid)
    {
        try (java.util.stream.Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd")))
        {
            return fds.count();
        }
        catch (final IOException | RuntimeException ex)
        {
            return Double.NaN;
        }
    }

    /** VmRSS from /proc (Linux); NaN elsewhere. */
    private static double residentMib(final long pid)
    {
        try
        {
            for (final String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")))
            {
                if (line.startsWith("VmRSS:"))
                {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            return Double.NaN;
        }
        return Double.NaN;
    }

    /** Blocks the journal occupies on disk ({@code du}: the cycle files are sparse), NaN without {@code du}. */
    private static double diskMib(final Path dir)
    {
        try
        {
            final Process du = new ProcessBuilder("du", "-sk", dir.toString()).redirectErrorStream(true).start();
            final String out = new String(du.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            du.waitFor();
            return Long.parseLong(out.split("\\s+")[0]) / 1024.0;
        }
        catch (final IOException | RuntimeException ex)
        {
            return Double.NaN;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return Double.NaN;
        }
    }

    /**
     * Latency of the minute before each sample, from the simulator's per-second histogram log.
     *
     * @param hlog    the simulator's {@code latency.hlog}.
     * @param samples the samples (their wall-clock times).
     * @return per sample {p50, p99, p99.9} in ms, NaN where no answer fell in that minute.
     * @throws IOException when the log cannot be read.
     */
    static List<double[]> latencyPerMinute(final Path hlog, final List<Sample> samples) throws IOException
    {
        final List<Histogram> minutes = new ArrayList<>();
        for (int i = 0; i < samples.size(); i++)
        {
            minutes.add(null);
        }
        final HistogramLogReader reader = new HistogramLogReader(hlog.toFile());
        try
        {
            EncodableHistogram interval;
            while (null != (interval = reader.nextIntervalHistogram()))
            {
                int minute = 0;
                while (minute < samples.size() && samples.get(minute).epochMs() <= interval.getStartTimeStamp())
                {
                    minute++;
                }
                if (minute >= samples.size())
                {
                    continue;
                }
                if (null == minutes.get(minute))
                {
                    minutes.set(minute, ((Histogram)interval).copy());
                }
                else
                {
                    minutes.get(minute).add((Histogram)interval);
                }
            }
        }
        finally
        {
            reader.close();
        }
        final List<double[]> out = new ArrayList<>();
        for (final Histogram minute : minutes)
        {
            out.add(null == minute || 0 == minute.getTotalCount() ? new double[] {Double.NaN, Double.NaN, Double.NaN} :
                new double[] {minute.getValueAtPercentile(50) / 1e6, minute.getValueAtPercentile(99) / 1e6,
                    minute.getValueAtPercentile(99.9) / 1e6});
        }
        return out;
    }

    private static void write(
        final StringBuilder report,
        final List<Sample> samples,
        final List<double[]> latencies,
        final SimulatorRunner.Outcome outcome,
        final Path reportDir,
        final double steadyAfter) throws IOException
    {
        final StringBuilder csv = new StringBuilder("minute,heap_used_mib,live_data_mib,rss_mib,open_files," +
            "journal_appended_mib,journal_disk_mib,journal_records,ring_occupancy,p50_ms,p99_ms,p999_ms\n");
        line(report, "");
        line(report, "%6s %9s %9s %8s %6s %10s %10s %12s %6s %8s %8s %8s", "minute", "heap MiB", "live MiB",
            "RSS MiB", "files", "journal", "on disk", "records", "ring", "p50 ms", "p99 ms", "p99.9 ms");
        final List<double[]> series = new ArrayList<>();
        for (int i = 0; i < samples.size(); i++)
        {
            final Sample s = samples.get(i);
            final double[] latency = latencyAt(latencies, i);
            line(report, "%6.1f %9.1f %9.1f %8.1f %6.0f %10.1f %10.1f %,12.0f %6.3f %8.2f %8.2f %8.2f", s.minute(),
                s.heapUsedMib(), s.liveDataMib(), s.rssMib(), s.openFiles(), s.journalMib(), s.journalDiskMib(),
                s.records(), s.ringOccupancy(), latency[0], latency[1], latency[2]);
            csv.append(String.format(Locale.ROOT, "%.2f,%.1f,%.1f,%.1f,%.0f,%.2f,%.2f,%.0f,%.4f,%.3f,%.3f,%.3f%n",
                s.minute(), s.heapUsedMib(), s.liveDataMib(), s.rssMib(), s.openFiles(), s.journalMib(),
                s.journalDiskMib(), s.records(), s.ringOccupancy(), latency[0], latency[1], latency[2]));
            series.add(new double[] {s.minute(), s.liveDataMib(), s.rssMib(), s.openFiles(), latency[1]});
        }
        line(report, "");
        line(report, "trend from minute %.0f on (closed sessions are kept for their retention; slope by least squares, " +
            "per hour of run):", steadyAfter);
        trend(report, "live heap after GC, MiB", series, 1, steadyAfter);
        trend(report, "resident memory, MiB", series, 2, steadyAfter);
        trend(report, "open file handles", series, 3, steadyAfter);
        trend(report, "latency p99 per minute, ms", series, 4, steadyAfter);
        final List<double[]> growth = new ArrayList<>();
        for (int i = 1; i < samples.size(); i++)
        {
            final double minutes = samples.get(i).minute() - samples.get(i - 1).minute();
            growth.add(new double[] {samples.get(i).minute(), 0,
                (samples.get(i).journalMib() - samples.get(i - 1).journalMib()) / Math.max(1e-9, minutes)});
        }
        trend(report, "journal growth, MiB per minute", growth, 2, steadyAfter);
        line(report, "");
        if (null != outcome.summary())
        {
            final RunSummary summary = outcome.summary();
            line(report, "simulator: sent %,d answered %,d unanswered %,d, latency p50/p99/p99.9/max %s",
                summary.totalSent(), summary.totalAnswered(), summary.lostAnswers(),
                RunSupport.percentiles(summary.responseTime()));
        }
        final io.gyro.simulator.verify.VerificationResult verification = outcome.verification();
        line(report, "end-to-end verification: %s", null == verification ? "not run" : String.format(Locale.ROOT,
            "%s: %,d subscribers (%,d charged), balance differences %d, untouched but changed %d, still reserved %d, " +
            "unknown %d, uncertain %d, sessions left open %d (a shed CCR-T leaves its session to supervision)%s",
            verification.status(), verification.subscribersChecked(), verification.subscribersCharged(),
            verification.differences().size(), verification.untouchedChanged().size(),
            verification.reservedNotZero().size(), verification.unknown().size(), verification.uncertain().size(),
            verification.sessionsLeftOpen(),
            null == verification.vacuousReason() ? "" : "; vacuous: " + verification.vacuousReason()));
        line(report, "simulator report: %s", reportDir.resolve("soak").resolve(FinalReport.REPORT_TXT));
        System.out.print(report);
        Files.writeString(reportDir.resolve("soak-report.txt"), report, StandardCharsets.UTF_8);
        Files.writeString(reportDir.resolve("soak.csv"), csv, StandardCharsets.UTF_8);
        System.out.println("report: " + reportDir.resolve("soak-report.txt"));
    }

    private static double[] latencyAt(final List<double[]> latencies, final int minute)
    {
        return minute >= 0 && minute < latencies.size() ? latencies.get(minute) :
            new double[] {Double.NaN, Double.NaN, Double.NaN};
    }

    /** First-half and second-half means and the least-squares slope (per hour) of one column, from a minute on. */
    private static void trend(
        final StringBuilder report, final String name, final List<double[]> rows, final int column, final double from)
    {
        final List<double[]> points = new ArrayList<>();
        for (final double[] row : rows)
        {
            if (row[0] >= from && !Double.isNaN(row[column]))
            {
                points.add(new double[] {row[0], row[column]});
            }
        }
        if (points.size() < 2)
        {
            line(report, "  %-32s not enough samples", name);
            return;
        }
        final int half = points.size() / 2;
        double first = 0;
        double second = 0;
        double meanX = 0;
        double meanY = 0;
        for (int i = 0; i < points.size(); i++)
        {
            if (i < half)
            {
                first += points.get(i)[1] / half;
            }
            else
            {
                second += points.get(i)[1] / (points.size() - half);
            }
            meanX += points.get(i)[0] / points.size();
            meanY += points.get(i)[1] / points.size();
        }
        double covariance = 0;
        double variance = 0;
        for (final double[] point : points)
        {
            covariance += (point[0] - meanX) * (point[1] - meanY);
            variance += (point[0] - meanX) * (point[0] - meanX);
        }
        final double slopePerHour = 0 == variance ? 0 : 60 * covariance / variance;
        line(report, "  %-32s first half %10.2f  second half %10.2f  change %+7.1f %%  slope %+10.2f per hour", name,
            first, second, 0 == first ? 0 : 100 * (second - first) / first, slopePerHour);
    }

    private static void line(final StringBuilder report, final String format, final Object... args)
    {
        report.append(String.format(Locale.ROOT, format, args)).append(System.lineSeparator());
    }
}
