package io.gyro.perf.load;

import io.gyro.simulator.Durations;
import io.gyro.simulator.Mode;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Options of {@code ./gyro bench}. The defaults are the standard traffic shape of every reported figure (issue 7):
 * sessions of CCR-I, 2 x CCR-U, CCR-T with one MSCC on rating group 10, 10,000 concurrent sessions over 4
 * connections, journal sync {@code none} (with {@code batch} measured beside it).
 */
public final class LoadRunOptions
{
    /** First offered rate of the ladder; with {@link #DEFAULT_STEP_FACTOR} every other step doubles it, landing on
     * 25k, 50k, 100k and 200k, the rates the targets of issue 7 name. */
    public static final long DEFAULT_START_RATE = 12_500;
    /** Each step offers sqrt(2) times the last: twice the rate every two steps. */
    public static final double DEFAULT_STEP_FACTOR = Math.sqrt(2);
    /** Highest rate offered: well past anything two cores carry with the simulator on them. */
    public static final long DEFAULT_MAX_RATE = 400_000;
    /** Long enough for 100,000+ requests per step at 10k/s, short enough for a ladder in a few minutes. */
    public static final Duration DEFAULT_STEP_DURATION = Duration.ofSeconds(10);
    /** Warm-up before the first step (JIT of both JVMs, Chronicle's first cycle file, the page cache). */
    public static final Duration DEFAULT_WARMUP = Duration.ofSeconds(20);
    /** The standard shape (issue 7). */
    public static final int DEFAULT_SESSIONS = 10_000;
    public static final int DEFAULT_CONNECTIONS = 4;
    public static final int DEFAULT_UPDATES = 2;
    /** The demo range of config/gyro.yaml: 10 subscribers per concurrent session, none in two sessions at once. */
    public static final int DEFAULT_SUBSCRIBERS = 100_000;
    /** Heap of each child JVM; the {@code ./gyro} launcher gives the server up to 2 GiB as well. */
    public static final String DEFAULT_SERVER_HEAP = "2g";
    /** Rates of the {@code batch} pass when not given: at most this many, picked from the main pass. */
    public static final int AUTO_BATCH_RATES = 2;

    private final List<Long> rates = new ArrayList<>();
    private long startRate = DEFAULT_START_RATE;
    private double stepFactor = DEFAULT_STEP_FACTOR;
    private long maxRate = DEFAULT_MAX_RATE;
    private Duration stepDuration = DEFAULT_STEP_DURATION;
    private Duration warmup = DEFAULT_WARMUP;
    private long warmupRate;
    private Duration settle;
    private int sessions = DEFAULT_SESSIONS;
    private int connections = DEFAULT_CONNECTIONS;
    private int updates = DEFAULT_UPDATES;
    private int subscribers = DEFAULT_SUBSCRIBERS;
    private Mode mode = Mode.DIAMETER;
    private String journalSync = "none";
    private final List<Long> batchRates = new ArrayList<>();
    private boolean batch = true;
    private boolean ceiling = true;
    private boolean confirm = true;
    private Duration stopP99 = Duration.ofNanos(StopRule.STOP_P99_NS);
    private int simulatorThreads = 1;
    private String serverHeap = DEFAULT_SERVER_HEAP;
    private int serverIoThreads;
    private final List<String> serverOverrides = new ArrayList<>();
    private final List<String> serverJvmArgs = new ArrayList<>();
    private long profileRate;
    private Path output;
    private boolean quick;

    /**
     * @param args the command line (a leading {@code bench} is skipped).
     * @return the options.
     * @throws IllegalArgumentException naming the bad option.
     */
    public static LoadRunOptions parse(final String[] args)
    {
        final LoadRunOptions options = new LoadRunOptions();
        // --quick first, so that explicit options after or before it win over its presets.
        for (final String arg : args)
        {
            if ("--quick".equals(arg))
            {
                options.quick();
            }
        }
        for (int i = 0; i < args.length; i++)
        {
            final String arg = args[i];
            if (0 == i && "bench".equals(arg))
            {
                continue;
            }
            switch (arg)
            {
                case "--quick" ->
                {
                    // Applied above.
                }
                case "--rates" -> options.rates(longs(arg, value(args, ++i, arg)));
                case "--start-rate" -> options.startRate = positiveLong(arg, value(args, ++i, arg));
                case "--step-factor" -> options.stepFactor = factor(arg, value(args, ++i, arg));
                case "--max-rate" -> options.maxRate = positiveLong(arg, value(args, ++i, arg));
                case "--step-duration" -> options.stepDuration = Durations.parse(arg, value(args, ++i, arg));
                case "--warmup" -> options.warmup = Durations.parse(arg, value(args, ++i, arg));
                case "--warmup-rate" -> options.warmupRate = positiveLong(arg, value(args, ++i, arg));
                case "--settle" -> options.settle = Durations.parse(arg, value(args, ++i, arg));
                case "--sessions" -> options.sessions = (int)positiveLong(arg, value(args, ++i, arg));
                case "--connections" -> options.connections = (int)positiveLong(arg, value(args, ++i, arg));
                case "--updates" -> options.updates = (int)nonNegativeLong(arg, value(args, ++i, arg));
                case "--subscribers" -> options.subscribers = (int)positiveLong(arg, value(args, ++i, arg));
                case "--mode" -> options.mode = mode(value(args, ++i, arg));
                case "--journal-sync" -> options.journalSync = sync(value(args, ++i, arg));
                case "--batch-rates" ->
                {
                    options.batchRates.clear();
                    options.batchRates.addAll(longs(arg, value(args, ++i, arg)));
                    options.batch = true;
                }
                case "--no-batch" -> options.batch = false;
                case "--no-ceiling" -> options.ceiling = false;
                case "--no-confirm" -> options.confirm = false;
                case "--stop-p99" -> options.stopP99 = Durations.parse(arg, value(args, ++i, arg));
                case "--sim-threads" -> options.simulatorThreads = (int)positiveLong(arg, value(args, ++i, arg));
                case "--server-heap" -> options.serverHeap = heap(value(args, ++i, arg));
                case "--server-io-threads" -> options.serverIoThreads = (int)positiveLong(arg, value(args, ++i, arg));
                case "--set" ->
                {
                    final String override = value(args, ++i, arg);
                    if (!override.contains("="))
                    {
                        throw new IllegalArgumentException("--set needs key=value: " + override);
                    }
                    options.serverOverrides.add(override);
                }
                case "--server-jvm-arg" -> options.serverJvmArgs.add(value(args, ++i, arg));
                case "--profile-rate" -> options.profileRate = positiveLong(arg, value(args, ++i, arg));
                case "--output" -> options.output = Path.of(value(args, ++i, arg));
                default -> throw new IllegalArgumentException("unknown option: " + arg);
            }
        }
        return options.conclude();
    }

    /** Presets of a smoke run: one short, slow step against each server, a few hundred requests each. */
    LoadRunOptions quick()
    {
        quick = true;
        rates.clear();
        rates.add(300L);
        stepDuration = Duration.ofSeconds(1);
        warmup = Duration.ZERO;
        sessions = 40;
        connections = 2;
        subscribers = 1_000;
        serverHeap = "1g";
        // A cold JVM at 300/s is often over 10 ms; a smoke run checks the plumbing, not the latency.
        confirm = false;
        return this;
    }

    LoadRunOptions rates(final List<Long> values)
    {
        rates.clear();
        rates.addAll(values);
        return this;
    }

    LoadRunOptions output(final Path value)
    {
        output = value;
        return this;
    }

    LoadRunOptions conclude()
    {
        if (sessions < connections)
        {
            throw new IllegalArgumentException("--sessions must be at least --connections (" + connections + "): " + sessions);
        }
        if (startRate > maxRate)
        {
            throw new IllegalArgumentException("--start-rate " + startRate + " is above --max-rate " + maxRate);
        }
        if (stepDuration.isZero())
        {
            throw new IllegalArgumentException("--step-duration must be positive");
        }
        if (null == output)
        {
            output = Path.of("perf", "target", "perf",
                LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT)));
        }
        if (0 == warmupRate)
        {
            warmupRate = ladder().get(0);
        }
        return this;
    }

    /** @return the offered rates in order: the explicit list, or start x factor^k up to the maximum. */
    public List<Long> ladder()
    {
        if (!rates.isEmpty())
        {
            return List.copyOf(rates);
        }
        final List<Long> ladder = new ArrayList<>();
        double rate = startRate;
        while (Math.round(rate) <= maxRate)
        {
            ladder.add(roundRate(rate));
            rate *= stepFactor;
        }
        return ladder;
    }

    /** Rates are rounded to 100/s so that the sqrt(2) ladder prints as 17,700 rather than 17,678. */
    static long roundRate(final double rate)
    {
        return Math.max(1, Math.round(rate / 100) * 100);
    }

    private static String value(final String[] args, final int index, final String option)
    {
        if (index >= args.length)
        {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }

    private static long positiveLong(final String option, final String text)
    {
        final long value = nonNegativeLong(option, text);
        if (0 == value)
        {
            throw new IllegalArgumentException(option + " must be positive: " + text);
        }
        return value;
    }

    private static long nonNegativeLong(final String option, final String text)
    {
        try
        {
            final long value = Long.parseLong(text.replace("_", "").replace(",", ""));
            if (value < 0)
            {
                throw new IllegalArgumentException(option + " must not be negative: " + text);
            }
            return value;
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException(option + " must be a whole number: " + text, ex);
        }
    }

    private static List<Long> longs(final String option, final String text)
    {
        final List<Long> values = new ArrayList<>();
        for (final String part : text.split(","))
        {
            values.add(positiveLong(option, part.trim()));
        }
        return values;
    }

    private static double factor(final String option, final String text)
    {
        try
        {
            final double value = Double.parseDouble(text);
            if (!(value > 1.0))
            {
                throw new IllegalArgumentException(option + " must be above 1: " + text);
            }
            return value;
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException(option + " must be a number above 1: " + text, ex);
        }
    }

    private static Mode mode(final String text)
    {
        return switch (text)
        {
            case "diameter" -> Mode.DIAMETER;
            case "radius" -> Mode.RADIUS;
            default -> throw new IllegalArgumentException("--mode must be diameter or radius: " + text);
        };
    }

    private static String sync(final String text)
    {
        if (!"none".equals(text) && !"batch".equals(text))
        {
            throw new IllegalArgumentException("--journal-sync must be none or batch: " + text);
        }
        return text;
    }

    private static String heap(final String text)
    {
        if (!text.matches("[0-9]+[kKmMgG]?"))
        {
            throw new IllegalArgumentException("--server-heap must be a JVM size such as 512m or 2g: " + text);
        }
        return text;
    }

    /** @return the usage text. */
    public static String help()
    {
        return """
            usage: ./gyro bench [options]

            End-to-end load run (issue 7): starts the server in its own JVM with a temporary journal, warms up,
            steps the offered (open-loop) rate up and reports achieved rate and p50/p99/p99.9 per step; stops when
            p99 passes 10 ms or errors appear. Then the same ladder against a trivial echo server (the machine's
            ceiling) and a pass with ledger.journal-sync=batch. Results: run.properties, results.csv, report.md.

              --rates R1,R2,...      offered rates (replace the ladder)
              --start-rate R         first rate of the ladder (default 12500)
              --step-factor F        each step offers F times the last (default 1.4142: doubles every two steps)
              --max-rate R           last rate of the ladder (default 400000)
              --step-duration D      length of each step, drain excluded (default 10s)
              --warmup D             warm-up before the first step, 0s for none (default 20s)
              --warmup-rate R        warm-up rate (default: the first rate)
              --settle D             start of each step left out of its rate and percentiles: the session ramp
                                     (default: (updates + 2) x sessions / rate, at least 1s)
              --sessions N           concurrent sessions (default 10000)
              --connections N        Diameter peers / RADIUS NASes (default 4)
              --updates K            CCR-U / Interim-Update per session (default 2)
              --subscribers N        demo subscribers on the server and in the simulator (default 100000)
              --mode diameter|radius what to drive (default diameter)
              --journal-sync none|batch   sync policy of the main pass (default none)
              --batch-rates R1,R2    rates of the batch pass (default: the best two of the main pass)
              --no-batch             skip the batch pass
              --no-ceiling           skip the echo-server ceiling
              --no-confirm           stop at the first step over 10 ms (default: run such a step once more first)
              --stop-p99 D           latency limit of the ladder (default 10ms, issue 7); e.g. 1s to find the
                                     highest rate carried at all on a noisy machine
              --sim-threads N        simulator event loops (default 1)
              --server-heap SIZE     -Xms/-Xmx of the server and echo JVMs (default 2g)
              --server-io-threads N  diameter.io-threads of the server (default: the server's default)
              --set key=value        any other server configuration override (repeatable)
              --server-jvm-arg ARG   one more JVM flag for the server and echo JVMs (repeatable)
              --profile-rate R       JFR-record server and simulator during the step offering R (first step >= R)
              --output DIR           result folder (default perf/target/perf/<timestamp>)
              --quick                smoke run: one 1 s step at 300/s, 40 sessions, no warm-up
            """;
    }

    /**
     * @return every setting as text, for run.properties.
     */
    public Map<String, String> describe()
    {
        final Map<String, String> settings = new LinkedHashMap<>();
        settings.put("rates", ladder().toString());
        settings.put("step-duration", Durations.format(stepDuration));
        settings.put("warmup", Durations.format(warmup));
        settings.put("warmup-rate", Long.toString(warmupRate));
        settings.put("settle", null == settle ? "auto" : Durations.format(settle));
        settings.put("sessions", Integer.toString(sessions));
        settings.put("connections", Integer.toString(connections));
        settings.put("updates", Integer.toString(updates));
        settings.put("subscribers", Integer.toString(subscribers));
        settings.put("mode", mode.name().toLowerCase(Locale.ROOT));
        settings.put("journal-sync", journalSync);
        settings.put("batch", batch ? (batchRates.isEmpty() ? "auto" : batchRates.toString()) : "off");
        settings.put("ceiling", Boolean.toString(ceiling));
        settings.put("confirm", Boolean.toString(confirm));
        settings.put("stop-p99", Durations.format(stopP99));
        settings.put("sim-threads", Integer.toString(simulatorThreads));
        settings.put("server-heap", serverHeap);
        settings.put("server-io-threads", 0 == serverIoThreads ? "default" : Integer.toString(serverIoThreads));
        settings.put("server-overrides", serverOverrides.toString());
        settings.put("server-jvm-args", serverJvmArgs.toString());
        settings.put("profile-rate", 0 == profileRate ? "off" : Long.toString(profileRate));
        settings.put("quick", Boolean.toString(quick));
        settings.put("output", output.toString());
        return settings;
    }

    /** @return step length, drain excluded. */
    public Duration stepDuration()
    {
        return stepDuration;
    }

    /** @return warm-up length; zero for none. */
    public Duration warmup()
    {
        return warmup;
    }

    /** @return warm-up rate. */
    public long warmupRate()
    {
        return warmupRate;
    }

    /**
     * @param rate a step's offered rate.
     * @return the start of that step left out of its steady window.
     */
    public Duration settle(final long rate)
    {
        return null != settle ? settle : SteadyWindow.settle(sessions, updates, rate);
    }

    /** @return concurrent sessions. */
    public int sessions()
    {
        return sessions;
    }

    /** @return connections. */
    public int connections()
    {
        return connections;
    }

    /** @return updates per session. */
    public int updates()
    {
        return updates;
    }

    /** @return demo subscribers. */
    public int subscribers()
    {
        return subscribers;
    }

    /** @return the protocol driven. */
    public Mode mode()
    {
        return mode;
    }

    /** @return the main pass's sync policy. */
    public String journalSync()
    {
        return journalSync;
    }

    /** @return whether the batch pass runs. */
    public boolean batch()
    {
        return batch && "none".equals(journalSync);
    }

    /** @return explicit batch rates, empty for automatic. */
    public List<Long> batchRates()
    {
        return List.copyOf(batchRates);
    }

    /** @return whether the ceiling is measured. */
    public boolean ceiling()
    {
        return ceiling;
    }

    /** @return whether a step over the latency limit is run once more before the ladder stops. */
    public boolean confirm()
    {
        return confirm;
    }

    /** @return the ladder's latency limit, ns. */
    public long stopP99Ns()
    {
        return stopP99.toNanos();
    }

    /** @return simulator event loops. */
    public int simulatorThreads()
    {
        return simulatorThreads;
    }

    /** @return child heap size. */
    public String serverHeap()
    {
        return serverHeap;
    }

    /** @return diameter.io-threads, 0 for the server's default. */
    public int serverIoThreads()
    {
        return serverIoThreads;
    }

    /** @return extra server overrides. */
    public List<String> serverOverrides()
    {
        return List.copyOf(serverOverrides);
    }

    /** @return extra JVM flags of the server and echo JVMs. */
    public List<String> serverJvmArgs()
    {
        return List.copyOf(serverJvmArgs);
    }

    /** @return the offered rate whose step is profiled, 0 for none. */
    public long profileRate()
    {
        return profileRate;
    }

    /** @return the result folder. */
    public Path output()
    {
        return output;
    }

    /** @return true for a smoke run. */
    public boolean isQuick()
    {
        return quick;
    }
}
