package io.gyro.server;

import io.gyro.config.ConfigurationException;
import io.gyro.config.ConfigurationLoader;
import io.gyro.config.model.GyroConfiguration;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Command-line entry point of the server:
 * <pre>
 * gyro [run] [--config FILE] [--set key=value ...]   start the server (default: config/gyro.yaml)
 * gyro check-config [--config FILE] [--set ...]      validate the configuration and print it
 * gyro import FILE.csv [--report FILE] [--config FILE] [--set ...]
 *                                                   load subscribers into the (stopped) server's ledger
 * </pre>
 * Overrides apply in this order: {@code --set} over {@code GYRO_*} environment variables over the file over
 * defaults (docs/configuration.md). An invalid configuration prints every problem and exits with status 2.
 */
public final class GyroMain
{
    /** Exit status for an invalid configuration or command line. */
    public static final int EXIT_USAGE = 2;
    /** Exit status of an import that rejected rows (the good rows were applied; see the report). */
    public static final int EXIT_ROWS_REJECTED = 1;
    /** The bundled default configuration, relative to the working directory. */
    public static final Path DEFAULT_CONFIG = Path.of("config", "gyro.yaml");

    private GyroMain()
    {
    }

    /**
     * @param args command line.
     * @throws Exception when the server fails to start.
     */
    public static void main(final String[] args) throws Exception
    {
        System.exit(run(args, System.out, System.err));
    }

    static int run(final String[] args, final PrintStream out, final PrintStream err) throws Exception
    {
        String command = "run";
        Path configFile = null;
        Path importFile = null;
        Path reportFile = null;
        final List<String> overrides = new ArrayList<>();
        for (int i = 0; i < args.length; i++)
        {
            final String arg = args[i];
            switch (arg)
            {
                case "run", "check-config" -> command = arg;
                case "import" ->
                {
                    command = arg;
                    if (++i >= args.length || args[i].startsWith("--"))
                    {
                        return usage(err, "import needs a CSV file");
                    }
                    importFile = Path.of(args[i]);
                }
                case "--report" ->
                {
                    if (++i >= args.length)
                    {
                        return usage(err, "--report needs a file");
                    }
                    reportFile = Path.of(args[i]);
                }
                case "--config" ->
                {
                    if (++i >= args.length)
                    {
                        return usage(err, "--config needs a file");
                    }
                    configFile = Path.of(args[i]);
                }
                case "--set" ->
                {
                    if (++i >= args.length || !args[i].contains("="))
                    {
                        return usage(err, "--set needs key=value");
                    }
                    overrides.add(args[i]);
                }
                case "-h", "--help" ->
                {
                    usage(out, null);
                    return 0;
                }
                default ->
                {
                    return usage(err, "unknown argument: " + arg);
                }
            }
        }

        final GyroConfiguration configuration;
        try
        {
            configuration = load(configFile, overrides);
        }
        catch (final ConfigurationException ex)
        {
            // The message starts with its own heading ("invalid configuration (N problems):").
            err.println(ex.getMessage());
            return EXIT_USAGE;
        }

        if ("check-config".equals(command))
        {
            out.println(configuration);
            return 0;
        }
        if ("import".equals(command))
        {
            return ImportCommand.run(importFile, null != reportFile ? reportFile :
                Path.of(importFile + ".rejected.csv"), configFile, overrides, out, err);
        }

        final GyroServer server = GyroServer.start(configuration, GyroServer.Options.production());
        final CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
        {
            server.close();
            stopped.countDown();
        }, "gyro-shutdown"));
        stopped.await();
        return 0;
    }

    static GyroConfiguration load(final Path configFile, final List<String> overrides)
    {
        if (null != configFile)
        {
            return ConfigurationLoader.load(configFile, System.getenv(), overrides);
        }
        if (Files.isRegularFile(DEFAULT_CONFIG))
        {
            return ConfigurationLoader.load(DEFAULT_CONFIG, System.getenv(), overrides);
        }
        return ConfigurationLoader.loadBundled(System.getenv(), overrides);
    }

    private static int usage(final PrintStream stream, final String problem)
    {
        if (null != problem)
        {
            stream.println(problem);
        }
        stream.println("usage: gyro [run|check-config] [--config FILE] [--set key=value ...]");
        stream.println("       gyro import FILE.csv [--report FILE] [--config FILE] [--set key=value ...]");
        return null == problem ? 0 : EXIT_USAGE;
    }
}
