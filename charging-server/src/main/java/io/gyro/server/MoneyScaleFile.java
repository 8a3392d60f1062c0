package io.gyro.server;

import io.gyro.ledger.journal.DurableFiles;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * {@code <data-dir>/money-scale}: the {@code ledger.money-scale} the data directory's amounts are in. Balances, the
 * journal, snapshots and CDR checkpoints hold minor units without their scale, so a server configured with another
 * scale would read every amount 10^n times too large or too small; it refuses to start instead. Written on the first
 * start (also of a data directory from before this file: its amounts are taken to be at the configured scale).
 */
final class MoneyScaleFile
{
    /** File name in the data directory. */
    static final String FILE_NAME = "money-scale";

    private MoneyScaleFile()
    {
    }

    /**
     * @param dataDir the data directory (exists: it is locked).
     * @param scale   the configured money scale.
     * @throws IOException when the file cannot be read or written.
     * @throws IllegalStateException when it holds another scale, or is not a scale.
     */
    static void check(final Path dataDir, final int scale) throws IOException
    {
        final Path path = dataDir.resolve(FILE_NAME);
        if (Files.exists(path))
        {
            final String text = Files.readString(path, StandardCharsets.US_ASCII).trim();
            final int stored;
            try
            {
                stored = Integer.parseInt(text);
            }
            catch (final NumberFormatException ex)
            {
                throw new IllegalStateException(path + " should hold the money scale of the data directory's " +
                    "amounts (a number such as 4) but holds '" + text + "'", ex);
            }
            if (stored != scale)
            {
                final String factor = BigInteger.TEN.pow(Math.abs(stored - scale)).toString();
                throw new IllegalStateException("the data directory " + dataDir.toAbsolutePath() + " holds amounts " +
                    "in minor units at ledger.money-scale " + stored + " (its file " + FILE_NAME + "), but the " +
                    "configuration says " + scale + ": every stored amount would be read " + factor + " times too " +
                    (scale < stored ? "large" : "small") + ". Set ledger.money-scale back to " + stored + ", or " +
                    "start on a new data directory (export the accounts through the admin API first)");
            }
            return;
        }
        final Path temporary = dataDir.resolve(FILE_NAME + ".tmp");
        Files.writeString(temporary, scale + "\n", StandardCharsets.US_ASCII);
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE))
        {
            channel.force(true);
        }
        Files.move(temporary, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        DurableFiles.forceDirectory(dataDir);
    }
}
