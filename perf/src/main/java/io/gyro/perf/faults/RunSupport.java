package io.gyro.perf.faults;

import io.gyro.simulator.SimulatorOptions;
import io.gyro.simulator.SimulatorRunner;
import io.gyro.simulator.SubscriberRange;
import io.gyro.simulator.TrafficMix;
import org.HdrHistogram.Histogram;
import org.agrona.concurrent.SystemNanoClock;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What the fault runs share: command-line options of the form {@code --name value}, the simulator run of one phase
 * (as a library, against a {@link ServerProcess}), a scrape of the server's {@code /metrics}, directory sizes.
 */
final class RunSupport
{
    /** Every run's sessions: data, voice and events as in the simulator README's standard shape. */
    static final String MIX = "data=80,voice=15,event=5";
    /** PGWs per run. */
    static final int CONNECTIONS = 4;

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private RunSupport()
    {
    }

    /**
     * The command line of a run, or the usage and exit: {@code --help} prints every option with its default (exit
     * 0); an unknown option or a missing value prints why and the usage to stderr (exit 2), never a stack trace.
     *
     * @param command  the launcher command, for the usage line.
     * @param args     the command line.
     * @param defaults every allowed option with its default value (names without {@code --}).
     * @return the values.
     */
    static Map<String, String> optionsOrExit(final String command, final String[] args,
        final Map<String, String> defaults)
    {
        final StringBuilder usage = new StringBuilder("usage: ./gyro ").append(command).append(" [options]\n");
        defaults.forEach((name, value) -> usage.append(String.format("  --%-18s default %s%n", name,
            value.isEmpty() ? "(none)" : value)));
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h"))
        {
            System.out.print(usage);
            System.exit(0);
        }
        try
        {
            return options(args, defaults);
        }
        catch (final IllegalArgumentException ex)
        {
            System.err.print(command + ": " + ex.getMessage() + "\n" + usage);
            System.exit(2);
            throw ex;
        }
    }

    /**
     * @param args     the command line.
     * @param defaults every allowed option with its default value (names without {@code --}).
     * @return the values.
     * @throws IllegalArgumentException naming an unknown option or a missing value.
     */
    static Map<String, String> options(final String[] args, final Map<String, String> defaults)
    {
        final Map<String, String> values = new LinkedHashMap<>(defaults);
        for (int i = 0; i < args.length; i++)
        {
            final String name = args[i].startsWith("--") ? args[i].substring(2) : null;
            if (null == name || !defaults.containsKey(name))
            {
                throw new IllegalArgumentException("unknown option " + args[i]);
            }
            if (i + 1 >= args.length)
            {
                throw new IllegalArgumentException(args[i] + " needs a value");
            }
            values.put(name, args[++i]);
        }
        return values;
    }

    /**
     * Options of one simulator phase against the server.
     *
     * @param server      where the server listens.
     * @param port        its Diameter port.
     * @param subscribers demo subscribers to use.
     * @param sessions    concurrent sessions.
     * @param reportDir   the phase's report directory.
     * @return options to complete with a rate or window and a duration.
     */
    static SimulatorOptions simulator(
        final ServerProcess server, final int port, final int subscribers, final int sessions, final Path reportDir)
    {
        return new SimulatorOptions()
            .port(port)
            .connections(CONNECTIONS)
            .sessions(sessions)
            .mix(TrafficMix.parse(MIX))
            .subscribers(new SubscriberRange(SubscriberRange.DEMO_MSISDN_START, SubscriberRange.DEMO_IMSI_START,
                subscribers))
            .adminUrl(server.adminUri(""))
            .adminToken(ServerProcess.ADMIN_TOKEN)
            .reportDir(reportDir)
            .quiet(true);
    }

    /**
     * Run one simulator phase to its end; its report goes to its directory and is returned.
     *
     * @param options concluded options.
     * @return the outcome.
     */
    static SimulatorRunner.Outcome simulate(final SimulatorOptions options)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        return new SimulatorRunner(options, null, SystemNanoClock.INSTANCE,
            new PrintStream(out, true, StandardCharsets.UTF_8), System.err).run();
    }

    /**
     * @param histogram latencies in ns.
     * @return {@code p50 / p99 / p99.9 / max} in ms.
     */
    static String percentiles(final Histogram histogram)
    {
        if (0 == histogram.getTotalCount())
        {
            return "-";
        }
        return String.format(Locale.ROOT, "%.2f / %.2f / %.2f / %.2f ms", histogram.getValueAtPercentile(50) / 1e6,
            histogram.getValueAtPercentile(99) / 1e6, histogram.getValueAtPercentile(99.9) / 1e6,
            histogram.getMaxValue() / 1e6);
    }

    /**
     * @param metrics the server's {@code /metrics} URI.
     * @return its Prometheus text.
     */
    static String scrape(final URI metrics)
    {
        try
        {
            return HTTP.send(HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read " + metrics, ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", ex);
        }
    }

    /**
     * Sum of the samples of one metric whose label text contains every given fragment.
     *
     * @param text      Prometheus text.
     * @param name      metric name.
     * @param fragments e.g. {@code area="heap"}.
     * @return the sum, NaN when no sample matched.
     */
    static double sample(final String text, final String name, final String... fragments)
    {
        double sum = Double.NaN;
        for (final String line : text.split("\n"))
        {
            if (line.startsWith("#") || !line.startsWith(name))
            {
                continue;
            }
            final int space = line.lastIndexOf(' ');
            final String key = line.substring(0, space);
            if (!key.equals(name) && !key.startsWith(name + "{"))
            {
                continue;
            }
            boolean match = true;
            for (final String fragment : fragments)
            {
                match &= key.contains(fragment);
            }
            if (match)
            {
                final double value = Double.parseDouble(line.substring(space + 1));
                sum = Double.isNaN(sum) ? value : sum + value;
            }
        }
        return sum;
    }

    /**
     * @param dir a directory.
     * @return bytes of the regular files under it (as the file system allocates them for sparse files: their
     *         length, which is what a full disk would have to hold).
     */
    static long directoryBytes(final Path dir)
    {
        if (!Files.isDirectory(dir))
        {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir))
        {
            return files.filter(Files::isRegularFile).mapToLong(file ->
            {
                try
                {
                    return Files.size(file);
                }
                catch (final IOException ex)
                {
                    return 0;
                }
            }).sum();
        }
        catch (final IOException ex)
        {
            return 0;
        }
    }
}
