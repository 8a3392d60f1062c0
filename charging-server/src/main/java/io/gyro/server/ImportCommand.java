package io.gyro.server;

import io.gyro.config.ConfigurationException;
import io.gyro.config.model.GyroConfiguration;
import io.gyro.server.importer.ImportFormatException;
import io.gyro.server.importer.SubscriberImporter;
import org.agrona.concurrent.SystemEpochClock;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.InputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code gyro import FILE.csv}: opens the ledger of the configured data directory with every listener off (the
 * data-directory lock refuses while a server runs there; import through its admin API instead), loads the file,
 * writes rejected rows to a report ({@code line,reason} CSV), and closes the ledger cleanly.
 */
final class ImportCommand
{
    private ImportCommand()
    {
    }

    static int run(
        final Path file,
        final Path report,
        final Path configFile,
        final List<String> overrides,
        final PrintStream out,
        final PrintStream err) throws Exception
    {
        final List<String> offline = new ArrayList<>(overrides);
        offline.add("diameter.enabled=false");
        offline.add("radius.enabled=false");
        offline.add("admin.enabled=false");
        offline.add("demo.enabled=false");
        final GyroConfiguration configuration;
        try
        {
            configuration = GyroMain.load(configFile, offline);
        }
        catch (final ConfigurationException ex)
        {
            err.println("invalid configuration:");
            err.println(ex.getMessage());
            return GyroMain.EXIT_USAGE;
        }
        if (!Files.isReadable(file))
        {
            err.println("cannot read " + file);
            return GyroMain.EXIT_USAGE;
        }
        try (InputStream octets = Files.newInputStream(file))
        {
            SubscriberImporter.requireUtf8(octets);
        }
        catch (final ImportFormatException ex)
        {
            err.println(file + ": " + ex.getMessage());
            return GyroMain.EXIT_USAGE;
        }
        final GyroServer server;
        try
        {
            server = GyroServer.start(configuration, GyroServer.Options.production());
        }
        catch (final IllegalStateException ex)
        {
            err.println(ex.getMessage());
            return GyroMain.EXIT_USAGE;
        }
        try (server;
            BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
            BufferedWriter rejected = Files.newBufferedWriter(report, StandardCharsets.UTF_8))
        {
            rejected.write("line,reason\r\n");
            final SubscriberImporter.Report result;
            try
            {
                result = new SubscriberImporter(server.ledger(), SystemEpochClock.INSTANCE,
                    configuration.ledger().moneyScale()).run(in, problem -> write(rejected, problem));
            }
            catch (final ImportFormatException ex)
            {
                err.println(file + ": " + ex.getMessage());
                return GyroMain.EXIT_USAGE;
            }
            out.printf("%s: %d rows, %d created, %d existing (unchanged), %d rejected in %d ms%n", file, result.rows(),
                result.created(), result.existing(), result.rejected(), result.durationMs());
            if (result.rejected() > 0)
            {
                out.println("rejected rows: " + report);
                return EXIT_ROWS_REJECTED;
            }
            return 0;
        }
        catch (final NoSuchFileException ex)
        {
            err.println("cannot read " + ex.getFile());
            return GyroMain.EXIT_USAGE;
        }
    }

    private static final int EXIT_ROWS_REJECTED = GyroMain.EXIT_ROWS_REJECTED;

    private static void write(final BufferedWriter rejected, final SubscriberImporter.Problem problem)
    {
        try
        {
            final String reason = problem.reason().replace("\"", "\"\"");
            rejected.write(problem.line() + ",\"" + reason + "\"\r\n");
        }
        catch (final IOException ex)
        {
            throw new java.io.UncheckedIOException(ex);
        }
    }
}
