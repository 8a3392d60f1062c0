package io.gyro.perf.load;

import io.gyro.simulator.Mode;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code ./gyro bench}: the end-to-end load run of issue 7.
 * <ol>
 *   <li>Gyro in its own JVM (temporary data directory, {@code ledger.journal-sync=none} by default): warm-up, then
 *   the ladder of offered rates until p99 passes 10 ms or errors appear ({@link StopRule}).</li>
 *   <li>The ceiling: the same ladder against {@link EchoServer} in its own JVM.</li>
 *   <li>The cost of {@code batch}: Gyro again with {@code ledger.journal-sync=batch} at one or two rates of the
 *   first pass.</li>
 * </ol>
 * The simulator runs in this JVM as a library ({@link SimulatorStep}); its CPU is this JVM's. Results go to the
 * output folder ({@link RunReport}).
 */
public final class LoadRun
{
    /** Exit status: the run completed (whatever it measured). */
    public static final int EXIT_OK = 0;
    /** Exit status: a server could not start, or no step of the main pass ran. */
    public static final int EXIT_FAILED = 1;
    /** Exit status: bad options. */
    public static final int EXIT_USAGE = 2;
    /**
     * Opening balance of every demo subscriber: 1,000,000.00, so that no run on any machine exhausts one (a session
     * of the standard shape costs about 0.25 at the demo data tariff) and every answer is a success unless the
     * server is in trouble.
     */
    public static final String SUBSCRIBER_BALANCE = "1000000";
    /**
     * Longest wait for a server JVM to listen: creating 100,000 demo subscribers and mapping the journal took
     * several seconds on a loaded 2-core box.
     */
    static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    /** The Gyro server's start-up line (GyroServer: "Gyro {} started in {} ms ..."). */
    static final String GYRO_READY_MARKER = " started in ";
    /** The batch pass is a comparison at known rates: a shorter warm-up will do, JIT profiles being alike. */
    static final Duration BATCH_WARMUP_LIMIT = Duration.ofSeconds(10);
    /** The server JVM's GC log, in its pass folder. */
    static final String GC_LOG = "gc.log";

    private final LoadRunOptions options;
    private final PrintStream out;
    private final PrintStream err;
    private final Path output;
    private final List<StepResult> steps = new ArrayList<>();
    private final Map<String, String> stopReasons = new LinkedHashMap<>();
    private final Map<String, String> serverCommands = new LinkedHashMap<>();
    private final List<Path> profiles = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private boolean failed;

    LoadRun(final LoadRunOptions options, final PrintStream out, final PrintStream err)
    {
        this.options = options;
        this.out = out;
        this.err = err;
        this.output = options.output().toAbsolutePath();
    }

    /**
     * @param args command line, see {@link LoadRunOptions#help()}.
     */
    public static void main(final String[] args)
    {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * @param args command line.
     * @param out  where the final summary goes.
     * @param err  where progress goes.
     * @return the exit status.
     */
    public static int run(final String[] args, final PrintStream out, final PrintStream err)
    {
        for (final String arg : args)
        {
            if ("--help".equals(arg) || "-h".equals(arg))
            {
                out.print(LoadRunOptions.help());
                return EXIT_OK;
            }
        }
        final LoadRunOptions options;
        try
        {
            options = LoadRunOptions.parse(args);
        }
        catch (final IllegalArgumentException ex)
        {
            err.println("gyro bench: " + ex.getMessage());
            err.println("try ./gyro bench --help");
            return EXIT_USAGE;
        }
        try
        {
            return new LoadRun(options, out, err).execute(String.join(" ", args));
        }
        catch (final IOException ex)
        {
            err.println("gyro bench: " + ex.getMessage());
            return EXIT_FAILED;
        }
    }

    int execute(final String commandLine) throws IOException
    {
        Files.createDirectories(output);
        final Map<String, String> info = RunInfo.collect();
        final Instant started = Instant.now();
        final RunReport report = new RunReport(options, info, commandLine, started);
        report.writeProperties(output, serverCommands);
        err.printf(Locale.ROOT, "bench: results in %s (load average %s)%n", output, info.get("machine.loadavg.start"));

        final List<StepResult> main = pass(StepResult.GYRO, ServerKind.GYRO, options.journalSync(), options.ladder(),
            options.warmup(), true);
        if (options.ceiling() && Mode.DIAMETER == options.mode())
        {
            pass(StepResult.CEILING, ServerKind.ECHO, null, options.ladder(), options.warmup(), true);
        }
        else if (options.ceiling())
        {
            problems.add("the echo ceiling speaks Diameter only; no ceiling was measured for RADIUS");
        }
        if (options.batch())
        {
            final List<Long> rates = batchRates(main);
            final Duration warmup = options.warmup().compareTo(BATCH_WARMUP_LIMIT) > 0 ? BATCH_WARMUP_LIMIT : options.warmup();
            pass(StepResult.BATCH, ServerKind.GYRO, "batch", rates, warmup, false);
        }

        info.put("machine.loadavg.end", RunInfo.loadAverage());
        report.writeProperties(output, serverCommands);
        report.writeCsv(output, steps, stopReasons);
        report.writeMarkdown(output, steps, stopReasons, profiles, problems, Instant.now());
        out.print(report.summary(steps));
        out.println("report: " + output.resolve(RunReport.REPORT_MD));
        out.flush();
        final boolean ranMain = main.stream().anyMatch(step -> null == step.failure());
        return ranMain && !failed ? EXIT_OK : EXIT_FAILED;
    }

    /** What a pass runs against. */
    enum ServerKind
    {
        GYRO,
        ECHO
    }

    private List<StepResult> pass(
        final String phase,
        final ServerKind kind,
        final String journalSync,
        final List<Long> rates,
        final Duration warmup,
        final boolean ladder)
    {
        final List<StepResult> passSteps = new ArrayList<>();
        final Path passDir = output.resolve(phase);
        Path dataDir = null;
        ChildProcess server = null;
        try
        {
            Files.createDirectories(passDir);
            final SimulatorStep.Target target;
            if (ServerKind.GYRO == kind)
            {
                dataDir = Files.createTempDirectory("gyro-bench-");
                target = new SimulatorStep.Target(options.mode(), freeTcpPort(), Mode.RADIUS == options.mode() ? freeUdpPort() : 0);
                final List<String> command = gyroCommand(dataDir, journalSync, target, serverJvmFlags(passDir));
                serverCommands.put(phase, String.join(" ", command.subList(0, command.indexOf("-cp"))) + " ... " +
                    String.join(" ", command.subList(command.indexOf("-cp") + 2, command.size())));
                err.printf(Locale.ROOT, "bench: %s: starting Gyro (journal-sync %s, data in %s)%n", phase, journalSync, dataDir);
                server = ChildProcess.start("gyro server", command, passDir.resolve("server.log"), GYRO_READY_MARKER,
                    START_TIMEOUT);
            }
            else
            {
                target = new SimulatorStep.Target(Mode.DIAMETER, freeTcpPort(), 0);
                final List<String> command = JavaCommand.command(classPath(), options.serverHeap(), serverJvmFlags(passDir),
                    EchoServer.class.getName(), List.of("--port", Integer.toString(target.port())));
                serverCommands.put(phase, String.join(" ", command.subList(0, command.indexOf("-cp"))) + " ... " +
                    String.join(" ", command.subList(command.indexOf("-cp") + 2, command.size())));
                err.printf(Locale.ROOT, "bench: %s: starting the echo server%n", phase);
                server = ChildProcess.start("echo server", command, passDir.resolve("server.log"), EchoServer.READY_MARKER,
                    START_TIMEOUT);
            }
            err.printf(Locale.ROOT, "bench: %s: pid %d on port %d%n", phase, server.pid(), target.port());

            if (!warmup.isZero())
            {
                final StepResult step = step(StepResult.WARMUP + "-" + phase, options.warmupRate(), warmup, target, server,
                    passDir.resolve("warmup"), 1);
                if (null != step.failure())
                {
                    stopReasons.put(phase, "the warm-up could not run: " + step.failure());
                    return passSteps;
                }
            }
            int index = 0;
            for (final long rate : rates)
            {
                index++;
                final Path stepDir = passDir.resolve(String.format(Locale.ROOT, "%02d-%d", index, rate));
                final boolean profile = options.profileRate() > 0 && ServerKind.GYRO == kind && StepResult.GYRO.equals(phase) &&
                    rate >= options.profileRate() && profiles.isEmpty();
                StepResult step;
                if (profile)
                {
                    step = profiledStep(phase, rate, target, server, stepDir);
                }
                else
                {
                    step = step(phase, rate, options.stepDuration(), target, server, stepDir, 1);
                }
                passSteps.add(step);
                if (ladder && options.confirm() && StopRule.overLatencyOnly(step, options.stopP99Ns()) && server.isAlive())
                {
                    err.printf(Locale.ROOT, "bench: %s: p99 over %d ms at %,d/s; running the step once more to tell " +
                        "saturation from a passing stall%n", phase, TimeUnit.NANOSECONDS.toMillis(options.stopP99Ns()), rate);
                    step = step(phase, rate, options.stepDuration(), target, server,
                        stepDir.resolveSibling(stepDir.getFileName() + "-repeat"), 2);
                    passSteps.add(step);
                }
                if (!server.isAlive())
                {
                    stopReasons.put(phase, "the server exited during the step at " + rate + "/s; see " +
                        output.relativize(server.log()));
                    break;
                }
                if (ladder && StopRule.shouldStop(step, options.stopP99Ns()))
                {
                    stopReasons.put(phase, "stopped after " + String.format(Locale.ROOT, "%,d/s", rate) + ": " +
                        StopRule.stopReason(step, options.stopP99Ns()));
                    break;
                }
            }
            if (ladder && !stopReasons.containsKey(phase))
            {
                stopReasons.put(phase, "every rate of the ladder ran");
            }
        }
        catch (final IOException | UncheckedIOException ex)
        {
            failed = true;
            problems.add("the " + phase + " pass could not run: " + ex.getMessage());
            err.println("bench: " + phase + ": " + ex.getMessage());
        }
        finally
        {
            if (null != server)
            {
                server.close();
            }
            if (null != dataDir)
            {
                deleteRecursively(dataDir);
            }
        }
        return passSteps;
    }

    private StepResult profiledStep(
        final String phase, final long rate, final SimulatorStep.Target target, final ChildProcess server, final Path stepDir)
        throws IOException
    {
        Files.createDirectories(stepDir);
        final Path serverJfr = stepDir.resolve("server.jfr");
        final Path simulatorJfr = stepDir.resolve("simulator.jfr");
        err.printf(Locale.ROOT, "bench: %s: flight recording the step at %,d/s%n", phase, rate);
        final Profiler profiler = new Profiler(server.pid(), serverJfr, simulatorJfr);
        final StepResult step;
        try
        {
            step = step(phase, rate, options.stepDuration(), target, server, stepDir, 1);
        }
        finally
        {
            profiler.close();
        }
        if (Files.isRegularFile(serverJfr))
        {
            profiles.add(serverJfr);
        }
        if (Files.isRegularFile(simulatorJfr))
        {
            profiles.add(simulatorJfr);
        }
        return step;
    }

    private StepResult step(
        final String phase,
        final long rate,
        final Duration duration,
        final SimulatorStep.Target target,
        final ChildProcess server,
        final Path stepDir,
        final int attempt)
    {
        final StepResult measured = SimulatorStep.run(phase, options, rate, duration, target, server, stepDir, err);
        final StepResult step = 1 == attempt ? measured : measured.asRepeat();
        steps.add(step);
        err.println("bench: " + RunReport.progressLine(step));
        return step;
    }

    /**
     * Rates of the batch pass: the explicit ones, else the highest rate of the main pass held within the 1 ms target
     * and its highest sustained rate (the same rate once if they coincide), else its first rate.
     */
    List<Long> batchRates(final List<StepResult> main)
    {
        if (!options.batchRates().isEmpty())
        {
            return options.batchRates();
        }
        final TreeSet<Long> rates = new TreeSet<>();
        final StepResult best = StopRule.bestWithinTarget(main);
        final StepResult sustained = StopRule.highestSustained(main, options.stopP99Ns());
        if (null != best)
        {
            rates.add(best.offeredRate());
        }
        if (null != sustained)
        {
            rates.add(sustained.offeredRate());
        }
        if (rates.isEmpty())
        {
            rates.add(options.ladder().get(0));
        }
        return new ArrayList<>(rates).subList(Math.max(0, rates.size() - LoadRunOptions.AUTO_BATCH_RATES), rates.size());
    }

    /** GC log of every server JVM beside its output (pauses are part of where the time goes), and the extra flags. */
    private List<String> serverJvmFlags(final Path passDir)
    {
        final List<String> flags = new ArrayList<>();
        flags.add("-Xlog:gc:file=" + passDir.resolve(GC_LOG) + ":uptime,level,tags");
        flags.addAll(options.serverJvmArgs());
        return flags;
    }

    private List<String> gyroCommand(
        final Path dataDir, final String journalSync, final SimulatorStep.Target target, final List<String> jvmFlags)
    {
        final List<String> arguments = new ArrayList<>();
        final boolean radius = Mode.RADIUS == options.mode();
        set(arguments, "node.data-dir", dataDir.toString());
        set(arguments, "ledger.journal-sync", journalSync);
        set(arguments, "diameter.port", Integer.toString(radius ? freeTcpPort() : target.port()));
        set(arguments, "radius.enabled", Boolean.toString(radius));
        if (radius)
        {
            set(arguments, "radius.auth-port", Integer.toString(target.port()));
            set(arguments, "radius.acct-port", Integer.toString(target.acctPort()));
        }
        set(arguments, "admin.enabled", "false");
        set(arguments, "demo.enabled", "true");
        set(arguments, "demo.subscribers.count", Integer.toString(options.subscribers()));
        set(arguments, "demo.subscribers.balance", SUBSCRIBER_BALANCE);
        if (options.serverIoThreads() > 0)
        {
            set(arguments, "diameter.io-threads", Integer.toString(options.serverIoThreads()));
        }
        for (final String override : options.serverOverrides())
        {
            arguments.add("--set");
            arguments.add(override);
        }
        return JavaCommand.command(classPath(), options.serverHeap(), jvmFlags, "io.gyro.server.GyroMain", arguments);
    }

    private static void set(final List<String> arguments, final String key, final String value)
    {
        arguments.add("--set");
        arguments.add(key + "=" + value);
    }

    /** @return the class path of this JVM, which holds the server's, the simulator's and the echo server's classes. */
    static String classPath()
    {
        return System.getProperty("java.class.path");
    }

    static int freeTcpPort()
    {
        try (ServerSocket socket = new ServerSocket())
        {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket.getLocalPort();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("no free TCP port on loopback", ex);
        }
    }

    static int freeUdpPort()
    {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)))
        {
            return socket.getLocalPort();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("no free UDP port on loopback", ex);
        }
    }

    private void deleteRecursively(final Path directory)
    {
        try (Stream<Path> paths = Files.walk(directory))
        {
            for (final Path path : paths.sorted(Comparator.reverseOrder()).toList())
            {
                Files.deleteIfExists(path);
            }
        }
        catch (final IOException ex)
        {
            err.println("bench: could not delete " + directory + ": " + ex);
        }
    }
}
