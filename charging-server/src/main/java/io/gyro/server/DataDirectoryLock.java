package io.gyro.server;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on {@code <data-dir>/gyro.lock} held while a server (or {@code gyro import}) uses the data
 * directory: two ledgers appending to one journal would corrupt it. Released on close, and by the OS when the
 * process dies.
 */
final class DataDirectoryLock implements AutoCloseable
{
    /** File name of the lock in the data directory. */
    static final String FILE_NAME = "gyro.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirectoryLock(final FileChannel channel, final FileLock lock)
    {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * @param dataDir the data directory (created if missing).
     * @return the held lock.
     * @throws IOException when the directory cannot be used.
     * @throws IllegalStateException when another process (or server in this one) holds it.
     */
    static DataDirectoryLock acquire(final Path dataDir) throws IOException
    {
        Files.createDirectories(dataDir);
        final Path path = dataDir.resolve(FILE_NAME);
        final FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = null;
        try
        {
            lock = channel.tryLock();
        }
        catch (final OverlappingFileLockException ex)
        {
            lock = null;
        }
        if (null == lock)
        {
            channel.close();
            throw new IllegalStateException("another Gyro is running on the data directory " + dataDir.toAbsolutePath() +
                " (" + path + " is locked): stop it first, or import through its admin API (POST /api/v1/import)");
        }
        return new DataDirectoryLock(channel, lock);
    }

    @Override
    public void close() throws IOException
    {
        lock.release();
        channel.close();
    }
}
