package io.gyro.perf.load;

import io.gyro.simulator.Mode;
import io.gyro.simulator.bras.RadiusLabels;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The load run's files: {@code run.properties} (machine, JVM, git revision, settings, server command lines),
 * {@code results.csv} (one row per step) and {@code report.md} (tables, verdict, targets, profile), plus the
 * console summary. Each step's own simulator reports stay in its folder.
 */
final class RunReport
{
    static final String RUN_PROPERTIES = "run.properties";
    static final String RESULTS_CSV = "results.csv";
    static final String REPORT_MD = "report.md";
    /** Columns of results.csv. */
    static final List<String> CSV_COLUMNS = List.of("phase", "attempt", "offered_per_s", "achieved_per_s", "held", "sent", "answered",
        "p50_ms", "p99_ms", "p999_ms", "max_ms", "window_s", "all_achieved_per_s", "all_p99_ms", "all_max_ms", "errors", "error_detail", "server_cpu_pct", "simulator_cpu_pct",
        "server_cpu_us_per_answer", "simulator_cpu_us_per_answer", "max_send_lag_ms", "wall_s", "answered_per_s_by_type",
        "report_dir", "failure");
    /** Issue 7 targets. */
    static final long TARGET_SUSTAINED_RATE = 100_000;
    static final long TARGET_LATENCY_RATE = 50_000;
    static final long TARGET_INTERIM_RATE = 50_000;
    /** What every reported figure is measured with (issue 7), besides the options. */
    static final String TRAFFIC_SHAPE = "sessions of CCR-I, %d x CCR-U, CCR-T with one MSCC on rating group 10; " +
        "%,d concurrent sessions over %d connections; open loop, latency from the intended send time";

    private final LoadRunOptions options;
    private final Map<String, String> info;
    private final String commandLine;
    private final Instant started;

    RunReport(final LoadRunOptions options, final Map<String, String> info, final String commandLine, final Instant started)
    {
        this.options = options;
        this.info = info;
        this.commandLine = commandLine;
        this.started = started;
    }

    void writeProperties(final Path directory, final Map<String, String> serverCommands) throws IOException
    {
        final Map<String, String> properties = new LinkedHashMap<>();
        properties.put("run.started", started.toString());
        properties.put("run.command", "./gyro bench " + commandLine);
        properties.putAll(info);
        options.describe().forEach((key, value) -> properties.put("settings." + key, value));
        properties.put("settings.traffic-shape", trafficShape());
        properties.put("settings.stop-p99-ms", Double.toString(options.stopP99Ns() / 1e6));
        properties.put("settings.target-p99-ms", Double.toString(StopRule.TARGET_P99_NS / 1e6));
        properties.put("settings.held-fraction", Double.toString(StopRule.HELD_FRACTION));
        properties.put("settings.subscriber-balance", LoadRun.SUBSCRIBER_BALANCE);
        properties.put("server.config", Files.isRegularFile(Path.of("config", "gyro.yaml")) ?
            Path.of("config", "gyro.yaml").toAbsolutePath().toString() : "bundled (gyro-config jar)");
        properties.put("server.jvm.flags", String.join(" ", JavaCommand.jvmFlags()) + " -Xms" + options.serverHeap() +
            " -Xmx" + options.serverHeap());
        serverCommands.forEach((phase, command) -> properties.put("server." + phase + ".command", command));
        final StringBuilder text = new StringBuilder("# Gyro load run: machine, JVM, git revision and settings\n");
        properties.forEach((key, value) -> text.append(key).append('=').append(escape(value)).append('\n'));
        Files.writeString(directory.resolve(RUN_PROPERTIES), text, StandardCharsets.UTF_8);
    }

    private String trafficShape()
    {
        if (Mode.RADIUS == options.mode())
        {
            return String.format(Locale.ROOT, "RADIUS: Access-Request, Accounting Start, %d x Interim-Update, Stop; " +
                "%,d concurrent sessions over %d NASes; open loop, latency from the intended send time",
                options.updates(), options.sessions(), options.connections());
        }
        return String.format(Locale.ROOT, TRAFFIC_SHAPE, options.updates(), options.sessions(), options.connections());
    }

    private static String escape(final String value)
    {
        return value.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r");
    }

    void writeCsv(final Path directory, final List<StepResult> steps, final Map<String, String> stopReasons)
        throws IOException
    {
        final StringBuilder csv = new StringBuilder(String.join(",", CSV_COLUMNS)).append('\n');
        for (final StepResult step : steps)
        {
            final List<String> row = new ArrayList<>();
            row.add(step.phase());
            row.add(Integer.toString(step.attempt()));
            row.add(Long.toString(step.offeredRate()));
            row.add(String.format(Locale.ROOT, "%.1f", step.achievedRate()));
            row.add(Boolean.toString(StopRule.held(step)));
            row.add(Long.toString(step.sent()));
            row.add(Long.toString(step.answered()));
            row.add(millis(step.p50Ns()));
            row.add(millis(step.p99Ns()));
            row.add(millis(step.p999Ns()));
            row.add(millis(step.maxNs()));
            row.add(String.format(Locale.ROOT, "%.1f", step.windowNs() / 1e9));
            row.add(String.format(Locale.ROOT, "%.1f", step.allAchievedRate()));
            row.add(millis(step.allP99Ns()));
            row.add(millis(step.allMaxNs()));
            row.add(Long.toString(step.errorCount()));
            row.add(csv(detail(step.errors())));
            row.add(number(step.serverCpuPercent()));
            row.add(number(step.simulatorCpuPercent()));
            row.add(number(step.serverCpuMicrosPerAnswer()));
            row.add(number(step.simulatorCpuMicrosPerAnswer()));
            row.add(millis(step.maxSendLagNs()));
            row.add(String.format(Locale.ROOT, "%.1f", step.wallNs() / 1e9));
            row.add(csv(perType(step)));
            row.add(csv(directory.toAbsolutePath().relativize(step.reportDir().toAbsolutePath()).toString()));
            row.add(csv(null == step.failure() ? "" : step.failure()));
            csv.append(String.join(",", row)).append('\n');
        }
        Files.writeString(directory.resolve(RESULTS_CSV), csv, StandardCharsets.UTF_8);
    }

    private static String millis(final long nanos)
    {
        return String.format(Locale.ROOT, "%.3f", nanos / 1e6);
    }

    private static String number(final double value)
    {
        return value < 0 ? "" : String.format(Locale.ROOT, "%.1f", value);
    }

    private static String detail(final Map<String, Long> errors)
    {
        final List<String> parts = new ArrayList<>();
        errors.forEach((key, count) -> parts.add(key + "=" + count));
        return String.join("; ", parts);
    }

    private static String perType(final StepResult step)
    {
        final List<String> parts = new ArrayList<>();
        step.perTypeAnswered().forEach((type, count) ->
        {
            if (count > 0)
            {
                parts.add(String.format(Locale.ROOT, "%s=%.0f", type, step.achievedRate(type)));
            }
        });
        return String.join("; ", parts);
    }

    /** RFC 4180 quoting where a field holds a comma, a quote or a line break. */
    static String csv(final String field)
    {
        if (field.contains(",") || field.contains("\"") || field.contains("\n"))
        {
            return '"' + field.replace("\"", "\"\"") + '"';
        }
        return field;
    }

    static String progressLine(final StepResult step)
    {
        if (null != step.failure())
        {
            return String.format(Locale.ROOT, "%-12s %,9d/s  could not run: %s", step.phase(), step.offeredRate(),
                step.failure());
        }
        return String.format(Locale.ROOT, "%-12s %,9d/s -> %,9.0f/s  p50 %7.3f  p99 %7.3f  p99.9 %7.3f ms " +
            "(whole run p99 %.3f ms)  errors %,d  cpu server %s sim %s", step.phase(), step.offeredRate(),
            step.achievedRate(), step.p50Ns() / 1e6, step.p99Ns() / 1e6, step.p999Ns() / 1e6, step.allP99Ns() / 1e6,
            step.errorCount(), percent(step.serverCpuPercent()), percent(step.simulatorCpuPercent()));
    }

    private static String percent(final double value)
    {
        return value < 0 ? "?" : String.format(Locale.ROOT, "%.0f%%", value);
    }

    private static List<StepResult> phase(final List<StepResult> steps, final String phase)
    {
        return steps.stream().filter(step -> phase.equals(step.phase())).toList();
    }

    String summary(final List<StepResult> steps)
    {
        final StringBuilder out = new StringBuilder();
        for (final String line : verdict(steps))
        {
            out.append(line).append('\n');
        }
        return out.toString();
    }

    /** @return the conclusions, one sentence each. */
    List<String> verdict(final List<StepResult> steps)
    {
        final List<String> lines = new ArrayList<>();
        final List<StepResult> gyro = phase(steps, StepResult.GYRO);
        final List<StepResult> ceiling = phase(steps, StepResult.CEILING);
        final StepResult gyroBest = StopRule.bestWithinTarget(gyro);
        final StepResult gyroSustained = StopRule.highestSustained(gyro, options.stopP99Ns());
        final StepResult ceilingBest = StopRule.bestWithinTarget(ceiling);
        final StepResult ceilingSustained = StopRule.highestSustained(ceiling, options.stopP99Ns());
        lines.add("Gyro (journal-sync " + options.journalSync() + "), highest rate held with p99 <= 1 ms: " +
            describeRate(gyroBest, false));
        lines.add(String.format(Locale.ROOT, "Gyro, highest sustained rate (held, p99 <= %s ms): ",
            new java.text.DecimalFormat("0.###").format(options.stopP99Ns() / 1e6)) + describeRate(gyroSustained, true));
        if (!ceiling.isEmpty())
        {
            lines.add("Ceiling (echo server), highest rate held with p99 <= 1 ms: " + describeRate(ceilingBest, false));
            lines.add("Ceiling, highest sustained rate: " + describeRate(ceilingSustained, true));
            lines.add("Gyro / ceiling: " + ratio(gyroSustained, ceilingSustained, true) + " of the sustained rate, " +
                ratio(gyroBest, ceilingBest, false) + " of the rate held within 1 ms");
        }
        for (final StepResult batch : phase(steps, StepResult.BATCH))
        {
            final StepResult none = gyro.stream().filter(step -> step.offeredRate() == batch.offeredRate())
                .reduce((first, repeat) -> repeat).orElse(null);
            lines.add(String.format(Locale.ROOT, "journal-sync batch at %,d/s: p50 %.3f / p99 %.3f / p99.9 %.3f ms%s",
                batch.offeredRate(), batch.p50Ns() / 1e6, batch.p99Ns() / 1e6, batch.p999Ns() / 1e6,
                null == none ? "" : String.format(Locale.ROOT, " (none: %.3f / %.3f / %.3f ms; p99 %+.3f ms)",
                    none.p50Ns() / 1e6, none.p99Ns() / 1e6, none.p999Ns() / 1e6, (batch.p99Ns() - none.p99Ns()) / 1e6)));
        }
        return lines;
    }

    private static String describeRate(final StepResult step, final boolean achieved)
    {
        if (null == step)
        {
            return "none";
        }
        return String.format(Locale.ROOT, "%,.0f/s (offered %,d/s, p99 %.3f ms, server CPU %s, simulator CPU %s)",
            achieved ? step.achievedRate() : (double)step.offeredRate(), step.offeredRate(), step.p99Ns() / 1e6,
            percent(step.serverCpuPercent()), percent(step.simulatorCpuPercent()));
    }

    private static String ratio(final StepResult gyro, final StepResult ceiling, final boolean achieved)
    {
        if (null == gyro || null == ceiling)
        {
            return "n/a";
        }
        final double numerator = achieved ? gyro.achievedRate() : gyro.offeredRate();
        final double denominator = achieved ? ceiling.achievedRate() : ceiling.offeredRate();
        return String.format(Locale.ROOT, "%.2f", numerator / denominator);
    }

    String writeMarkdown(
        final Path directory,
        final List<StepResult> steps,
        final Map<String, String> stopReasons,
        final List<Path> profiles,
        final List<String> problems,
        final Instant finished) throws IOException
    {
        final StringBuilder md = new StringBuilder();
        md.append("# Gyro load run, ").append(started).append("\n\n");
        md.append("Command: `./gyro bench ").append(commandLine).append("`, finished ").append(finished).append(".\n\n");
        md.append("| | |\n|---|---|\n");
        md.append("| machine | ").append(info.get("machine.nproc")).append(" CPUs, ").append(info.get("machine.cpu-model"))
            .append(", ").append(info.get("machine.memory")).append(", ").append(info.get("machine.os")).append(" |\n");
        md.append("| load average (1/5/15 min) | start ").append(info.get("machine.loadavg.start")).append(", end ")
            .append(info.getOrDefault("machine.loadavg.end", "?"))
            .append(" (includes this run; other processes share the machine) |\n");
        md.append("| JVM | ").append(info.get("jvm.vendor")).append(' ').append(info.get("jvm.version")).append(" |\n");
        md.append("| git | ").append(info.get("git.revision")).append("true".equals(info.get("git.dirty")) ?
            " (with uncommitted changes)" : "").append(" |\n");
        md.append("| traffic | ").append(trafficShape()).append(" |\n");
        md.append("| journal | main pass `ledger.journal-sync=").append(options.journalSync()).append("`; temporary data directory per pass |\n");
        md.append("| steps | ").append(options.describe().get("rates")).append(" per second, ")
            .append(options.describe().get("step-duration")).append(" each plus the paced drain; warm-up ")
            .append(options.describe().get("warmup")).append(" at ").append(options.warmupRate()).append("/s |\n\n");
        md.append("Rate and percentiles are those of each step's steady window: the one-second intervals from the end ")
            .append("of the session ramp (every step opens its sessions afresh, so its first (updates + 2) x sessions / ")
            .append("rate seconds are CCR-I heavy) to the start of the paced CCR-T drain. The whole run's p99 and ")
            .append("max, ramp and drain included, are in the last columns. A step whose p99 passed 10 ms without ")
            .append("errors was run once more before the ladder stopped (\"repeat\"; a passing stall of the shared ")
            .append("machine is enough to put one step over), and a rate counts as held if either run held it. ");
        md.append("Latency is from the intended send time (no coordinated omission). CPU is a percentage of one core ")
            .append("over the step's wall time: the server JVM from /proc/<pid>/stat, the simulator from this JVM's ")
            .append("process CPU time; the two share the machine's ").append(info.get("machine.nproc"))
            .append(" cores.\n\n");

        md.append("## Steps\n\n");
        md.append("| pass | offered/s | achieved/s | held | p50 ms | p99 ms | p99.9 ms | max ms | errors | server CPU | " +
            "sim CPU | server µs/answer | sim µs/answer | window s | whole run p99 ms | whole run max ms |\n");
        md.append("|---|---:|---:|---|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (final StepResult step : steps)
        {
            if (null != step.failure())
            {
                md.append(String.format(Locale.ROOT, "| %s | %,d | could not run: %s ||||||||||||||%n", step.phase(),
                    step.offeredRate(), step.failure().replace("|", "/").replace("\n", " ")));
                continue;
            }
            md.append(String.format(Locale.ROOT, "| %s | %,d | %,.0f | %s | %.3f | %.3f | %.3f | %.3f | %s | %s | %s | %s | %s " +
                "| %.1f | %.3f | %.3f |%n",
                1 == step.attempt() ? step.phase() : step.phase() + " (repeat)", step.offeredRate(), step.achievedRate(),
                StopRule.held(step) ? "yes" : "no",
                step.p50Ns() / 1e6, step.p99Ns() / 1e6, step.p999Ns() / 1e6, step.maxNs() / 1e6,
                0 == step.errorCount() ? "0" : detail(step.errors()), percent(step.serverCpuPercent()),
                percent(step.simulatorCpuPercent()), number(step.serverCpuMicrosPerAnswer()),
                number(step.simulatorCpuMicrosPerAnswer()), step.windowNs() / 1e9, step.allP99Ns() / 1e6,
                step.allMaxNs() / 1e6));
        }
        md.append('\n');
        stopReasons.forEach((phase, reason) -> md.append("- ").append(phase).append(": ").append(reason).append('\n'));
        md.append('\n');

        md.append("## Verdict\n\n");
        for (final String line : verdict(steps))
        {
            md.append("- ").append(line).append('\n');
        }
        md.append('\n');

        md.append("## Targets (issue 7)\n\n| target | measured | met |\n|---|---|---|\n");
        targets(md, steps);
        md.append('\n');

        if (!profiles.isEmpty())
        {
            md.append("## Profile\n\n");
            for (final Path profile : profiles)
            {
                md.append(JfrSummary.summarise(profile, directory.toAbsolutePath().relativize(profile.toAbsolutePath()).toString()));
            }
        }
        if (!problems.isEmpty())
        {
            md.append("## Problems\n\n");
            for (final String problem : problems)
            {
                md.append("- ").append(problem).append('\n');
            }
            md.append('\n');
        }
        md.append("## Files\n\n`run.properties` (machine, JVM, git, settings, server command lines), `results.csv` ")
            .append("(this table), and per pass a folder with `server.log` and one folder per step holding the ")
            .append("simulator's `report.txt`, `summary.json`, `latency.hgrm`, `latency.hlog` and `latency.svg`.\n");
        final String text = md.toString();
        Files.writeString(directory.resolve(REPORT_MD), text, StandardCharsets.UTF_8);
        return text;
    }

    private void targets(final StringBuilder md, final List<StepResult> steps)
    {
        final List<StepResult> gyro = phase(steps, StepResult.GYRO);
        if (Mode.RADIUS == options.mode())
        {
            StepResult best = null;
            for (final StepResult step : gyro)
            {
                if (StopRule.held(step) && step.p99Ns() <= options.stopP99Ns() &&
                    (null == best || step.achievedRate(interimLabel()) > best.achievedRate(interimLabel())))
                {
                    best = step;
                }
            }
            final double interim = null == best ? 0 : best.achievedRate(interimLabel());
            md.append(String.format(Locale.ROOT, "| RADIUS Interim-Update %,d/s or more | %,.0f/s | %s |%n",
                TARGET_INTERIM_RATE, interim, interim >= TARGET_INTERIM_RATE ? "yes" : "no"));
            return;
        }
        final StepResult sustained = StopRule.highestSustained(gyro, options.stopP99Ns());
        md.append(String.format(Locale.ROOT, "| %,d CCR/s or more sustained, journal on | %s | %s |%n", TARGET_SUSTAINED_RATE,
            null == sustained ? "none held" : String.format(Locale.ROOT, "%,.0f/s (offered %,d/s)", sustained.achievedRate(),
                sustained.offeredRate()),
            null != sustained && sustained.offeredRate() >= TARGET_SUSTAINED_RATE ? "yes" : "no"));
        final StepResult at = gyro.stream().filter(step -> step.offeredRate() == TARGET_LATENCY_RATE)
            .reduce((first, repeat) -> repeat).orElse(null);
        final String measured;
        final String met;
        if (null != at)
        {
            measured = String.format(Locale.ROOT, "p99 %.3f ms at %,d/s offered (%,.0f/s achieved)", at.p99Ns() / 1e6,
                at.offeredRate(), at.achievedRate());
            met = StopRule.held(at) && at.p99Ns() <= StopRule.TARGET_P99_NS ? "yes" : "no";
        }
        else if (gyro.stream().allMatch(step -> step.offeredRate() < TARGET_LATENCY_RATE) && !gyro.isEmpty())
        {
            measured = "the ladder stopped below " + String.format(Locale.ROOT, "%,d/s", TARGET_LATENCY_RATE);
            met = "no";
        }
        else
        {
            measured = "no step offered exactly " + String.format(Locale.ROOT, "%,d/s", TARGET_LATENCY_RATE);
            met = "not measured";
        }
        md.append(String.format(Locale.ROOT, "| p99 <= 1 ms at %,d CCR/s open loop | %s | %s |%n", TARGET_LATENCY_RATE,
            measured, met));
        md.append("| RADIUS Interim-Update 50,000/s or more | run with `--mode radius` | not measured here |\n");
    }

    private static String interimLabel()
    {
        return new RadiusLabels().requestTypes()[RadiusLabels.INTERIM];
    }
}
