package io.gyro.ledger.journal;

import io.gyro.ledger.SyncPolicy;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.bytes.SyncMode;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.file.Path;

/**
 * The journal: one Chronicle Queue excerpt per journal document (one Disruptor batch), rolled daily. Appending
 * is confined to the thread that first appends (the ledger thread); replay runs before that thread starts.
 * <p>
 * Sync policy NONE leaves pages to the OS (survives kill -9); BATCH opens the queue with SyncMode.SYNC and calls
 * {@code appender.sync()} after each document, an msync per batch (DEPENDENCIES.md section 5: without
 * SyncMode.SYNC, {@code sync()} does nothing).
 */
public final class ChronicleJournal implements AutoCloseable
{
    private final SingleChronicleQueue queue;
    private final SyncPolicy syncPolicy;
    private final String name;
    private ExcerptAppender appender;

    /**
     * Open (or create) a journal.
     *
     * @param dir        directory.
     * @param syncPolicy sync policy.
     * @param readOnly   open for reading only (dump tool).
     */
    public ChronicleJournal(final Path dir, final SyncPolicy syncPolicy, final boolean readOnly)
    {
        this.syncPolicy = syncPolicy;
        this.name = dir.toString();
        this.queue = SingleChronicleQueueBuilder.binary(dir)
            .rollCycle(RollCycles.FAST_DAILY)
            .syncMode(syncPolicy == SyncPolicy.BATCH ? SyncMode.SYNC : SyncMode.NONE)
            .readOnly(readOnly)
            .build();
    }

    /**
     * Append one document.
     *
     * @param bytes  document bytes.
     * @param length length.
     * @return the document's Chronicle index.
     */
    public long append(final byte[] bytes, final int length)
    {
        if (appender == null)
        {
            appender = queue.createAppender();
        }
        try (DocumentContext dc = appender.writingDocument())
        {
            dc.wire().bytes().write(bytes, 0, length);
        }
        if (syncPolicy == SyncPolicy.BATCH)
        {
            appender.sync();
        }
        return appender.lastIndexAppended();
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
        if (appender != null)
        {
            appender.close();
        }
        queue.close();
    }
}
