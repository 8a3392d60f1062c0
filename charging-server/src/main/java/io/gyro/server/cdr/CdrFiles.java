package io.gyro.server.cdr;

import io.gyro.ledger.journal.DurableFiles;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The CDR files of one directory: {@code gyro-cdr-<period start, UTC>.csv}, written as
 * {@code ...csv.inprogress} and renamed (atomically) to {@code .csv} when the period is over, so a downstream
 * system imports only complete files. Tracks the exact byte length written, which the checkpoint records.
 */
final class CdrFiles implements AutoCloseable
{
    /** Prefix of every CDR file name. */
    static final String PREFIX = "gyro-cdr-";
    /** Suffix of a completed file. */
    static final String DONE_SUFFIX = ".csv";
    /** Suffix of the file being written. */
    static final String OPEN_SUFFIX = ".csv.inprogress";
    /** Write buffer: many lines per system call; flushed at every checkpoint and roll. */
    private static final int BUFFER_BYTES = 1 << 16;
    private static final DateTimeFormatter NAME_TIME =
        DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    /** Fault injection for tests (a full disk): asked before each write to a CDR file. Null in production. */
    interface WriteFaults
    {
        /**
         * @param file the file about to be written.
         * @throws IOException to make the write fail.
         */
        void beforeWrite(Path file) throws IOException;
    }

    /** Set by fault tests only. */
    static volatile WriteFaults writeFaults;

    private final Path dir;
    private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES);
    private FileChannel channel;
    private long period = -1;
    private long length;

    /**
     * @param dir the CDR directory (created if missing).
     * @throws IOException when it cannot be created.
     */
    CdrFiles(final Path dir) throws IOException
    {
        this.dir = dir;
        Files.createDirectories(dir);
    }

    /**
     * @param periodStartMs start of a period, epoch ms.
     * @return the base name of its file (without suffix).
     */
    static String baseName(final long periodStartMs)
    {
        return PREFIX + NAME_TIME.format(Instant.ofEpochMilli(periodStartMs));
    }

    /**
     * @param file a CDR file of this directory (completed or in progress).
     * @return the start of its period, epoch ms, or -1 when its name is not a CDR file's.
     */
    static long periodOf(final Path file)
    {
        final String name = file.getFileName().toString();
        final int end = name.endsWith(OPEN_SUFFIX) ? name.length() - OPEN_SUFFIX.length() :
            name.endsWith(DONE_SUFFIX) ? name.length() - DONE_SUFFIX.length() : -1;
        if (!name.startsWith(PREFIX) || end < PREFIX.length())
        {
            return -1;
        }
        try
        {
            return Instant.from(NAME_TIME.parse(name.substring(PREFIX.length(), end))).toEpochMilli();
        }
        catch (final java.time.DateTimeException ex)
        {
            return -1;
        }
    }

    Path openPath(final long periodStartMs)
    {
        return dir.resolve(baseName(periodStartMs) + OPEN_SUFFIX);
    }

    Path donePath(final long periodStartMs)
    {
        return dir.resolve(baseName(periodStartMs) + DONE_SUFFIX);
    }

    /** @return the period of the open file, or -1. */
    long period()
    {
        return period;
    }

    /** @return bytes written to the open file (buffered ones included). */
    long length()
    {
        return length;
    }

    /**
     * Reopen the file of a checkpoint at its recorded length: anything written after the checkpoint is cut off,
     * because the journal tail after the checkpoint will write it again.
     *
     * @param periodStartMs the period.
     * @param expectedBytes the length the checkpoint recorded.
     * @throws IOException when the file is missing or shorter (changed outside Gyro, or lost).
     */
    void resume(final long periodStartMs, final long expectedBytes) throws IOException
    {
        final Path path = openPath(periodStartMs);
        if (!Files.exists(path) && 0 == expectedBytes)
        {
            open(periodStartMs);
            return;
        }
        if (!Files.exists(path))
        {
            throw new IOException("CDR file " + path + " is missing but its checkpoint records " + expectedBytes +
                " bytes: restore it, or move the CDR directory away to write every CDR again from the journal");
        }
        channel = FileChannel.open(path, StandardOpenOption.WRITE);
        final long size = channel.size();
        if (size < expectedBytes)
        {
            channel.close();
            channel = null;
            throw new IOException("CDR file " + path + " has " + size + " bytes but its checkpoint records " +
                expectedBytes + ": it was changed outside Gyro; restore it, or move the CDR directory away to write " +
                "every CDR again from the journal");
        }
        channel.truncate(expectedBytes);
        channel.position(expectedBytes);
        period = periodStartMs;
        length = expectedBytes;
    }

    /**
     * Create the file of a period and write the header.
     *
     * @param periodStartMs the period.
     * @throws IOException on failure.
     */
    void open(final long periodStartMs) throws IOException
    {
        channel = FileChannel.open(openPath(periodStartMs), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING);
        period = periodStartMs;
        length = 0;
        write(CdrLine.HEADER + "\r\n");
    }

    /**
     * @param text a complete line (or lines).
     * @throws IOException on failure.
     */
    void write(final CharSequence text) throws IOException
    {
        final byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        int offset = 0;
        while (offset < bytes.length)
        {
            if (!buffer.hasRemaining())
            {
                drain();
            }
            final int chunk = Math.min(buffer.remaining(), bytes.length - offset);
            buffer.put(bytes, offset, chunk);
            offset += chunk;
        }
        length += bytes.length;
    }

    private void drain() throws IOException
    {
        final WriteFaults faults = writeFaults;
        if (null != faults)
        {
            faults.beforeWrite(openPath(period));
        }
        buffer.flip();
        while (buffer.hasRemaining())
        {
            channel.write(buffer);
        }
        buffer.clear();
    }

    /**
     * Hand buffered bytes to the OS (no force): readers of the file see every line written so far.
     *
     * @throws IOException on failure.
     */
    void flush() throws IOException
    {
        if (null != channel && buffer.position() > 0)
        {
            drain();
        }
    }

    /**
     * Write buffered bytes and force them to the device (before a checkpoint records the length).
     *
     * @throws IOException on failure.
     */
    void force() throws IOException
    {
        if (null != channel)
        {
            drain();
            channel.force(false);
        }
    }

    /**
     * Force and close the open file, leaving it in progress; nothing is open afterwards.
     *
     * @throws IOException on failure.
     */
    void closeCurrent() throws IOException
    {
        if (null != channel)
        {
            force();
            channel.close();
            channel = null;
        }
        period = -1;
        length = 0;
    }

    /**
     * Rename a finished period's file to its completed name (atomic, so importers never see half a file), and
     * force the directory, so an importer never takes a file that a power loss would turn back into one in progress.
     *
     * @param periodStartMs the period.
     * @return true when renamed; false when no such file is in progress.
     * @throws IOException on failure.
     */
    boolean publish(final long periodStartMs) throws IOException
    {
        final Path from = openPath(periodStartMs);
        if (!Files.exists(from))
        {
            return false;
        }
        Files.move(from, donePath(periodStartMs), StandardCopyOption.ATOMIC_MOVE);
        DurableFiles.forceDirectory(dir);
        return true;
    }

    /**
     * @param suffix {@link #OPEN_SUFFIX} or {@link #DONE_SUFFIX}.
     * @return the files of the directory with that suffix.
     * @throws IOException on failure.
     */
    List<Path> list(final String suffix) throws IOException
    {
        final List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, PREFIX + "*" + suffix))
        {
            for (final Path path : stream)
            {
                files.add(path);
            }
        }
        files.sort(null);
        return files;
    }

    /**
     * Close without forcing: what a crash leaves (tests only).
     *
     * @throws IOException on failure.
     */
    void abandon() throws IOException
    {
        if (null != channel)
        {
            drain();
            channel.close();
            channel = null;
        }
    }

    /**
     * After a failed write: drop what is buffered and close without writing (the disk may still be full); what the
     * file holds past the checkpoint is cut off when it is resumed.
     */
    void discard()
    {
        buffer.clear();
        if (null != channel)
        {
            try
            {
                channel.close();
            }
            catch (final IOException ignored)
            {
                // Closing a file opened for writing releases it even when the close reports an error.
            }
            channel = null;
        }
        period = -1;
        length = 0;
    }

    @Override
    public void close() throws IOException
    {
        closeCurrent();
    }
}
