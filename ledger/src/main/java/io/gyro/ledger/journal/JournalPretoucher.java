package io.gyro.ledger.journal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.LockSupport;

/**
 * Keeps the page cache filled ahead of the journal's append position, so that the ledger thread does not pay for
 * new pages. Chronicle Queue appends through a memory-mapped file: the first touch of each page beyond the written
 * data faults, and the kernel zeroes the page (and its read-ahead) inside that fault, on the ledger thread. Measured
 * on the 2-vCPU build VM (ext4), that was 2.2-3.3 ms of kernel time per MiB appended, about 90 % of it zeroing under
 * {@code filemap_fault}, which put a ceiling of about 1 M journaled commands a second on the single writer.
 * <p>
 * This thread <em>reads</em> the file ahead of the append position with {@code pread} through its own channel:
 * reading a hole puts zeroed pages into the page cache, the appender's later faults find them there and only map
 * them, and the read path zeroes more cheaply than the mapped-fault path (same measurement: 0.6 ms per MiB on each
 * side, from 2.2-2.7 ms on the ledger thread alone). It never writes, so it cannot damage the journal whatever the
 * timing; a file it cannot read (rolled away, deleted) is only a missed optimisation. Aeron pre-touches its mapped
 * log buffers for the same reason; Chronicle Queue's own pretoucher is not part of the open-source edition.
 * <p>
 * The appender calls {@link #advance} after each document (no allocation, no system call unless this thread needs
 * waking); this thread reads up to {@code windowBytes} past that position, never beyond the file's current length
 * (Chronicle grows it a block at a time), and parks when it is that far ahead.
 */
public final class JournalPretoucher implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(JournalPretoucher.class);
    /** Bytes read per system call. */
    static final int READ_CHUNK_BYTES = 1 << 20;
    private static final long PAGE_MASK = ~4095L;
    /**
     * Window by default: 16 MiB, about 80 ms of appends at 2 M commands a second, a quarter of a Chronicle block.
     */
    public static final long DEFAULT_WINDOW_BYTES = 16L << 20;
    /**
     * Largest window: a Chronicle block (64 MiB by default) is all the file holds ahead of the appender, so more
     * reads nothing more.
     */
    public static final long MAX_WINDOW_BYTES = 64L << 20;
    /** Longest park while idle: a wake-up missed by the appender's threshold check costs at most this. */
    private static final long IDLE_PARK_NS = 10_000_000L;

    private final long windowBytes;
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(READ_CHUNK_BYTES);
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Path file;
    private volatile long appendPosition;
    private volatile long touchedUntil;
    /** The last read found the end of the file (written by the reader, read by the appender). */
    private volatile boolean atEndOfFile;
    /** Appender side only. */
    private long wakeUps;
    /** Reader side only. */
    private Path openFile;
    private FileChannel channel;
    private boolean failureLogged;

    /**
     * @param windowBytes how far ahead of the append position to keep the page cache filled.
     * @param threadName  name of the pretouch thread; null to create no thread (tests drive {@link #touchAhead}).
     */
    public JournalPretoucher(final long windowBytes, final String threadName)
    {
        if (windowBytes <= 0 || windowBytes > MAX_WINDOW_BYTES)
        {
            throw new IllegalArgumentException("pretouch window must be 1 to " + MAX_WINDOW_BYTES + " bytes: " +
                windowBytes);
        }
        this.windowBytes = windowBytes;
        if (threadName == null)
        {
            this.thread = null;
        }
        else
        {
            this.thread = new Thread(this::run, threadName);
            thread.setDaemon(true);
            thread.start();
        }
    }

    /**
     * Called by the appender after a document: the journal file now being written and the position written up to.
     *
     * @param currentFile the file written (compared by identity; pass the same instance until the file rolls).
     * @param position    file offset written up to.
     */
    public void advance(final Path currentFile, final long position)
    {
        // Position before file: a reader that sees the new file may still see the old file's position for a moment,
        // which touchAhead recognises (it lies past the window); the other order would look like a valid position.
        appendPosition = position;
        final boolean rolled = currentFile != file;
        if (rolled)
        {
            file = currentFile;
        }
        // No wake-up while the reader waits at the end of the file: Chronicle grows it a block at a time, and the
        // reader's idle park notices that, where a wake-up per document would cost the ledger a system call each.
        if (rolled || !atEndOfFile && position + (windowBytes >> 1) > touchedUntil)
        {
            wakeUps++;
            if (thread != null)
            {
                LockSupport.unpark(thread);
            }
        }
    }

    /**
     * @return wake-ups the appender has asked for (appender thread only; for tests).
     */
    long wakeUps()
    {
        return wakeUps;
    }

    /**
     * Read the next chunk ahead of the append position, if any is left to read.
     *
     * @return true if a chunk was read (more may follow at once); false when the window is filled, the file ends,
     * or the file cannot be read.
     */
    boolean touchAhead()
    {
        final Path target = file;
        if (target == null)
        {
            return false;
        }
        final long position = appendPosition;
        try
        {
            if (target != openFile)
            {
                closeChannel();
                channel = FileChannel.open(target, StandardOpenOption.READ);
                openFile = target;
                touchedUntil = 0;
                atEndOfFile = false;
            }
            else if (channel == null)
            {
                return false;
            }
            final long to = (position + windowBytes + ~PAGE_MASK) & PAGE_MASK;
            long from = Math.max(touchedUntil, position & PAGE_MASK);
            if (from > to)
            {
                // Read past the window: only a position of the previous file, seen with this file, does that.
                from = position & PAGE_MASK;
            }
            if (from >= to)
            {
                return false;
            }
            readBuffer.clear().limit((int)Math.min(READ_CHUNK_BYTES, to - from));
            final int read = channel.read(readBuffer, from);
            if (read <= 0)
            {
                atEndOfFile = true;
                return false;
            }
            atEndOfFile = false;
            touchedUntil = from + read;
            return true;
        }
        catch (final IOException ex)
        {
            if (!failureLogged)
            {
                failureLogged = true;
                LOG.warn("journal pretouch cannot read {} ({}); appends go on without it", target, ex.toString());
            }
            closeChannel();
            // Try this file again only after the appender moves to another one.
            openFile = target;
            touchedUntil = Long.MAX_VALUE;
            return false;
        }
    }

    /**
     * @return file offset up to which the current file has been read ahead.
     */
    long touchedUntil()
    {
        return touchedUntil;
    }

    /**
     * @return true while the pretouch thread runs.
     */
    boolean isThreadAlive()
    {
        return thread != null && thread.isAlive();
    }

    private void run()
    {
        try
        {
            while (running)
            {
                if (!touchAhead())
                {
                    LockSupport.parkNanos(this, IDLE_PARK_NS);
                }
            }
        }
        finally
        {
            closeChannel();
        }
    }

    private void closeChannel()
    {
        if (channel != null)
        {
            try
            {
                channel.close();
            }
            catch (final IOException ignore)
            {
                // Read-only channel: nothing was written that closing could lose.
            }
            channel = null;
        }
        openFile = null;
    }

    /** Stop the thread and close its file; the journal itself is not touched. */
    @Override
    public void close()
    {
        running = false;
        if (thread == null)
        {
            closeChannel();
            return;
        }
        LockSupport.unpark(thread);
        try
        {
            thread.join();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
