package io.gyro.ledger.journal;

import io.gyro.ledger.SyncPolicy;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.bytes.SyncMode;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.RollingResourcesCache;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.concurrent.UnsafeBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The journal: one Chronicle Queue excerpt per journal document (one Disruptor batch), rolled daily. Appending
 * is confined to the thread that first appends (the ledger thread); replay runs before that thread starts.
 * <p>
 * Sync policy NONE leaves pages to the OS (survives kill -9); BATCH opens the queue with SyncMode.SYNC and calls
 * {@code appender.sync()} after each document, an msync per batch (DEPENDENCIES.md section 5: without
 * SyncMode.SYNC, {@code sync()} does nothing).
 * <p>
 * A full disk must fail an append <em>before</em> anything is written: on Linux a page of the memory-mapped file
 * that the disk cannot back raises SIGBUS, which Java reports as an {@link InternalError} some instructions later,
 * possibly after the document was committed with a hole in it (measured on a full tmpfs: the damaged document
 * stays in the queue and its CRC stops the next start). So every append first checks that the file system keeps
 * {@code minFreeBytes} free after it, with {@code statfs} at most once a second while space is plentiful and
 * before every document once it gets low, and refuses the document otherwise. A write that still fails is rolled
 * back where Chronicle can, and a written document whose msync failed is only msynced again on the retry
 * ({@link Journal}).
 * <p>
 * A {@link JournalPretoucher} thread (on unless {@code pretouchBytes} is 0) reads the file ahead of the append
 * position so that new pages are already in the page cache when the ledger thread writes them: the kernel's page
 * zeroing, measured at 2.2-3.3 ms of CPU per MiB appended on the build VM, then happens off the single writer.
 */
public final class ChronicleJournal implements Journal
{
    private static final Logger LOG = LoggerFactory.getLogger(ChronicleJournal.class);
    private final SingleChronicleQueue queue;
    private final SyncPolicy syncPolicy;
    private final String name;
    private final Path dir;
    /**
     * Free space kept on the journal's file system by default: 64 MiB, well above one document (at most 1024
     * commands of about 400 bytes), Chronicle's index pages and the sparse file a daily roll maps, and small against
     * any disk a journal should live on.
     */
    public static final long MIN_FREE_BYTES_DEFAULT = 64L << 20;
    /** While more than this many times the kept space is free, free space is checked at most once a second. */
    private static final int PLENTY_FACTOR = 4;
    /** Longest time between two free-space checks while space is plentiful: other processes fill disks too. */
    private static final long FREE_SPACE_CHECK_INTERVAL_NS = 1_000_000_000L;

    private final long minFreeBytes;
    private final FileStore fileStore;
    private final JournalPretoucher pretoucher;
    private ExcerptAppender appender;
    private int appenderCycle = Integer.MIN_VALUE;
    private Path appenderFile;
    private boolean pretouchFailureLogged;
    private boolean awaitingSync;
    private long writtenIndex;
    private long freeBytesAtCheck = -1;
    private long writtenSinceCheck;
    private long checkedAtNs;

    /**
     * Open (or create) a journal.
     *
     * @param dir        directory.
     * @param syncPolicy sync policy.
     * @param readOnly   open for reading only (dump tool).
     */
    public ChronicleJournal(final Path dir, final SyncPolicy syncPolicy, final boolean readOnly)
    {
        this(dir, syncPolicy, readOnly, MIN_FREE_BYTES_DEFAULT);
    }

    /**
     * Open (or create) a journal that keeps some space free on its file system.
     *
     * @param dir          directory.
     * @param syncPolicy   sync policy.
     * @param readOnly     open for reading only (dump tool).
     * @param minFreeBytes appends are refused while they would leave less than this free (0: never checked).
     */
    public ChronicleJournal(final Path dir, final SyncPolicy syncPolicy, final boolean readOnly, final long minFreeBytes)
    {
        this(dir, syncPolicy, readOnly, minFreeBytes, 0);
    }

    /**
     * Open (or create) a journal that keeps some space free and pre-touches the pages ahead of its appends.
     *
     * @param dir           directory.
     * @param syncPolicy    sync policy.
     * @param readOnly      open for reading only (dump tool); no pretouch thread then.
     * @param minFreeBytes  appends are refused while they would leave less than this free (0: never checked).
     * @param pretouchBytes how far ahead of the append position a {@link JournalPretoucher} thread reads the file
     *                      (0: no pretouch thread).
     */
    public ChronicleJournal(
        final Path dir,
        final SyncPolicy syncPolicy,
        final boolean readOnly,
        final long minFreeBytes,
        final long pretouchBytes)
    {
        this(dir, syncPolicy, readOnly, minFreeBytes, pretouchBytes, System::currentTimeMillis);
    }

    /**
     * Open (or create) a journal whose daily cycle files are picked by the given clock.
     *
     * @param dir           directory.
     * @param syncPolicy    sync policy.
     * @param readOnly      open for reading only (dump tool); no pretouch thread then.
     * @param minFreeBytes  appends are refused while they would leave less than this free (0: never checked).
     * @param pretouchBytes how far ahead of the append position a {@link JournalPretoucher} thread reads the file
     *                      (0: no pretouch thread).
     * @param rollClockMs   wall clock in epoch milliseconds that decides the cycle a document is appended to.
     */
    public ChronicleJournal(
        final Path dir,
        final SyncPolicy syncPolicy,
        final boolean readOnly,
        final long minFreeBytes,
        final long pretouchBytes,
        final LongSupplier rollClockMs)
    {
        if (pretouchBytes < 0)
        {
            throw new IllegalArgumentException("pretouch bytes must not be negative: " + pretouchBytes);
        }
        this.syncPolicy = syncPolicy;
        this.name = dir.toString();
        this.minFreeBytes = minFreeBytes;
        this.queue = SingleChronicleQueueBuilder.binary(dir)
            .rollCycle(RollCycles.FAST_DAILY)
            .syncMode(syncPolicy == SyncPolicy.BATCH ? SyncMode.SYNC : SyncMode.NONE)
            .readOnly(readOnly)
            .timeProvider(rollClockMs::getAsLong)
            .build();
        this.dir = dir;
        FileStore store = null;
        if (!readOnly && minFreeBytes > 0)
        {
            try
            {
                store = Files.getFileStore(dir);
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException("cannot read the file system of journal " + name, ex);
            }
        }
        this.fileStore = store;
        this.pretoucher = readOnly || pretouchBytes == 0 ? null :
            new JournalPretoucher(pretouchBytes, "gyro-journal-pretouch");
    }

    /**
     * Append one document; after a failure call again with the same document (see {@link Journal}).
     *
     * @param bytes  document bytes.
     * @param length length.
     * @return the document's Chronicle index.
     * @throws JournalAppendException when the document could not be written or msynced.
     */
    @Override
    public long append(final byte[] bytes, final int length)
    {
        if (appender == null)
        {
            appender = queue.createAppender();
        }
        if (!awaitingSync)
        {
            checkFreeSpace(length);
            write(bytes, length);
            awaitingSync = syncPolicy == SyncPolicy.BATCH;
        }
        if (awaitingSync)
        {
            try
            {
                appender.sync();
            }
            catch (final RuntimeException | InternalError ex)
            {
                throw new JournalAppendException("journal " + name + ": msync of document 0x" +
                    Long.toHexString(writtenIndex) + " failed", ex);
            }
            awaitingSync = false;
        }
        return writtenIndex;
    }

    private void checkFreeSpace(final int length)
    {
        if (fileStore == null)
        {
            return;
        }
        final long now = System.nanoTime();
        if (freeBytesAtCheck - writtenSinceCheck - length < PLENTY_FACTOR * minFreeBytes ||
            now - checkedAtNs >= FREE_SPACE_CHECK_INTERVAL_NS)
        {
            try
            {
                freeBytesAtCheck = fileStore.getUsableSpace();
            }
            catch (final IOException ex)
            {
                throw new JournalAppendException("journal " + name + ": cannot read the free space", ex);
            }
            writtenSinceCheck = 0;
            checkedAtNs = now;
        }
        final long freeBytes = freeBytesAtCheck - writtenSinceCheck;
        if (freeBytes - length < minFreeBytes)
        {
            // Check again at the next attempt: the operator may be freeing space right now.
            freeBytesAtCheck = -1;
            throw new JournalAppendException("journal " + name + ": disk full, " + Math.max(0, freeBytes) +
                " bytes free and " + minFreeBytes + " kept free", null);
        }
        writtenSinceCheck += length;
    }

    private void write(final byte[] bytes, final int length)
    {
        final DocumentContext dc;
        try
        {
            dc = appender.writingDocument();
        }
        catch (final RuntimeException | InternalError ex)
        {
            throw new JournalAppendException("journal " + name + ": cannot start a document", ex);
        }
        Throwable failure = null;
        long end = 0;
        try
        {
            final Bytes<?> wireBytes = dc.wire().bytes();
            wireBytes.write(bytes, 0, length);
            end = wireBytes.writePosition();
        }
        catch (final RuntimeException | InternalError ex)
        {
            failure = ex;
            dc.rollbackOnClose();
        }
        try
        {
            dc.close();
        }
        catch (final RuntimeException | InternalError ex)
        {
            if (failure == null)
            {
                failure = ex;
            }
        }
        if (failure != null)
        {
            throw new JournalAppendException("journal " + name + ": writing a document of " + length +
                " bytes failed (disk full?)", failure);
        }
        writtenIndex = appender.lastIndexAppended();
        if (pretoucher != null)
        {
            tellPretoucher(end);
        }
    }

    /**
     * The document is in the journal by now: nothing here may fail the append, whose retry would write it twice.
     */
    private void tellPretoucher(final long end)
    {
        try
        {
            final int cycle = appender.cycle();
            if (cycle != appenderCycle)
            {
                final File file = appender.currentFile();
                if (file == null)
                {
                    return;
                }
                appenderCycle = cycle;
                appenderFile = file.toPath();
            }
            pretoucher.advance(appenderFile, end);
        }
        catch (final RuntimeException ex)
        {
            if (!pretouchFailureLogged)
            {
                pretouchFailureLogged = true;
                LOG.warn("journal {}: cannot tell the pretouch thread where appends are ({}); appends go on",
                    name, ex.toString());
            }
        }
    }

    /**
     * Delete the cycle files (one a day) that end before the cycle holding {@code journalIndex}: recovery from a
     * snapshot taken at that index moves to it and reads only what follows, so those files are never read again.
     * The cycle being appended to is never deleted. Chronicle opens a cycle's file only while appending to it or
     * reading it, so files of past cycles are closed; a reader in another process (the dump tool) keeps reading a
     * deleted file until it closes it.
     *
     * @param journalIndex index of a document that must stay readable, with everything after it; below 0 (an empty
     *                     journal when the snapshot was taken) nothing is deleted.
     * @return the files deleted.
     */
    public List<Path> deleteCyclesBefore(final long journalIndex)
    {
        final List<Path> deleted = new ArrayList<>();
        if (journalIndex < 0)
        {
            return deleted;
        }
        final RollCycle rollCycle = queue.rollCycle();
        final long keepFrom = rollCycle.toCycle(journalIndex);
        final long appending = null == appender ? Long.MAX_VALUE : appender.cycle();
        final RollingResourcesCache names = new RollingResourcesCache(rollCycle, queue.epoch(),
            name -> dir.resolve(name + SingleChronicleQueue.SUFFIX).toFile(),
            file -> file.getName().substring(0, file.getName().length() - SingleChronicleQueue.SUFFIX.length()));
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SingleChronicleQueue.SUFFIX))
        {
            for (final Path file : files)
            {
                final Long cycle = cycleOf(names, file);
                if (null != cycle && cycle < keepFrom && cycle < appending && Files.deleteIfExists(file))
                {
                    deleted.add(file);
                }
            }
        }
        catch (final IOException ex)
        {
            LOG.warn("journal {}: cannot delete cycles before index 0x{} ({}); they stay on disk", name,
                Long.toHexString(journalIndex), ex.toString());
        }
        if (!deleted.isEmpty())
        {
            queue.refreshDirectoryListing();
        }
        return deleted;
    }

    /** @return the cycle a file holds, or null for a file that is not named as Chronicle names cycles. */
    private static Long cycleOf(final RollingResourcesCache names, final Path file)
    {
        try
        {
            return names.toLong(file.toFile());
        }
        catch (final RuntimeException notACycleFile)
        {
            return null;
        }
    }

    /**
     * @return index of the last document, or -1 when empty.
     */
    public long lastIndex()
    {
        final long last = queue.lastIndex();
        return last == Long.MIN_VALUE ? -1 : last;
    }

    /** Visits raw documents during replay or a dump. */
    @FunctionalInterface
    public interface DocumentVisitor
    {
        /**
         * @param index  Chronicle index.
         * @param buffer document bytes (valid during the call).
         * @param length document length.
         */
        void document(long index, UnsafeBuffer buffer, int length);
    }

    /**
     * Read every document after a given index, in order.
     *
     * @param afterIndex index of the last document already applied, or -1 to read from the start.
     * @param visitor    receives each document.
     * @return number of documents read.
     * @throws JournalFormatException when {@code afterIndex} is not in the journal.
     */
    public long readAfter(final long afterIndex, final DocumentVisitor visitor)
    {
        byte[] array = new byte[1 << 16];
        final UnsafeBuffer buffer = new UnsafeBuffer(array);
        long documents = 0;
        try (ExcerptTailer tailer = queue.createTailer())
        {
            if (afterIndex >= 0)
            {
                if (!tailer.moveToIndex(afterIndex))
                {
                    throw new JournalFormatException("the snapshot ends at journal index 0x" +
                        Long.toHexString(afterIndex) + " but " + name + " has no such document: the journal was " +
                        "truncated, deleted or lost its tail (sync policy none + power loss); refusing to start");
                }
                try (DocumentContext dc = tailer.readingDocument())
                {
                    if (!dc.isPresent())
                    {
                        throw new JournalFormatException("journal " + name + " cannot read the document at index 0x" +
                            Long.toHexString(afterIndex) + " that the snapshot ends at; refusing to start");
                    }
                }
            }
            else
            {
                tailer.toStart();
            }
            while (true)
            {
                try (DocumentContext dc = tailer.readingDocument())
                {
                    if (!dc.isPresent())
                    {
                        break;
                    }
                    final Bytes<?> bytes = dc.wire().bytes();
                    final int length = (int)bytes.readRemaining();
                    if (length > array.length)
                    {
                        array = new byte[Math.max(length, array.length * 2)];
                        buffer.wrap(array);
                    }
                    bytes.read(array, 0, length);
                    visitor.document(dc.index(), buffer, length);
                    documents++;
                }
            }
        }
        return documents;
    }

    @Override
    public void close()
    {
        if (pretoucher != null)
        {
            pretoucher.close();
        }
        if (appender != null)
        {
            appender.close();
        }
        queue.close();
    }
}
