package io.gyro.ledger.journal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** File-system steps that make a renamed file survive a power loss. */
public final class DurableFiles
{
    private DurableFiles()
    {
    }

    /**
     * Force a directory's entries to the device, so that a file renamed into it stays renamed after a power loss
     * (the rename itself is atomic but lives in the directory). Some file systems cannot open a directory for fsync;
     * the rename is then as durable as they make it.
     *
     * @param dir the directory.
     */
    public static void forceDirectory(final Path dir)
    {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ))
        {
            channel.force(true);
        }
        catch (final IOException cannotOpenADirectory)
        {
            // Nothing more can be done on such a file system.
        }
    }
}
