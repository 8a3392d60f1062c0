package io.gyro.ledger;

import io.gyro.ledger.internal.LedgerProcessor;
import io.gyro.ledger.internal.LedgerState;
import io.gyro.ledger.internal.NotificationQueue;
import io.gyro.ledger.internal.StateSnapshotCodec;
import io.gyro.ledger.journal.ChronicleJournal;
import io.gyro.ledger.journal.EventDecoder;
import io.gyro.ledger.journal.EventEncoder;
import io.gyro.ledger.journal.Journal;
import io.gyro.ledger.journal.JournalFormatException;
import io.gyro.ledger.journal.JournalVersionException;
import io.gyro.ledger.journal.LedgerEvents;
import io.gyro.ledger.journal.SnapshotStore;
import org.agrona.concurrent.UnsafeBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * The ledger without threads: decide, journal, snapshot, notify. {@link LedgerPipeline} runs one of these on
 * its ledger thread; tests and tools drive it directly ("commands in, events out").
 * <ul>
 *   <li>{@link #open} recovers first: the newest valid snapshot (falling back to older ones if damaged) plus
 *   every journal document after it. A journal that cannot be read, or data from a newer Gyro, stops it with a
 *   {@link JournalFormatException} that says why.</li>
 *   <li>{@link #process} decides one command; its events are applied at once and added to the open journal
 *   document. {@link #flush} ends the batch: the document is appended (and msynced under
 *   {@link SyncPolicy#BATCH}), a requested snapshot is written, and notifications are delivered. Answers may
 *   leave only after {@link #flush}.</li>
 *   <li>With the journal off, each command's record is discarded after the next one and notifications are
 *   delivered at once.</li>
 *   <li>An append that fails (disk full, I/O error) is retried with back-off, on the calling thread, with the same
 *   document, until it succeeds: the batch is never dropped and never answered before it is in the journal. The
 *   first failure of an outage is logged at ERROR and the recovery at INFO; the {@link JournalObserver} hears of
 *   both. Only {@link #abandonStalledAppend()} (shutdown) ends the retrying: the document and everything after it
 *   are then given up unanswered, and this state machine refuses further work.</li>
 * </ul>
 * Not thread safe: one thread owns it.
 */
public final class LedgerStateMachine implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(LedgerStateMachine.class);
    /** Initial journal document buffer: one batch of about 1000 commands. */
    private static final int INITIAL_DOCUMENT_BYTES = 1 << 20;
    /** First pause after a failed append: a transient failure costs a millisecond. */
    private static final long STALL_RETRY_MIN_NS = 1_000_000;
    /**
     * Longest pause between attempts while the journal fails: when space returns the ledger goes on within 100 ms,
     * and a full disk costs ten failed attempts (each a statfs) a second.
     */
    private static final long STALL_RETRY_MAX_NS = 100_000_000;

    private final LedgerContext context;
    private final LedgerState state;
    private final EventEncoder encoder;
    private final LedgerProcessor processor;
    private final NotificationQueue notifications = new NotificationQueue();
    private final Journal journal;
    /** The journal's files, undecorated: for deleting the cycles every kept snapshot covers; null when off. */
    private final ChronicleJournal journalFiles;
    private final SnapshotStore snapshots;
    private final Recovery recovery;
    private LedgerNotificationListener listener;
    private boolean snapshotRequested;
    private long lastJournalIndex;
    private int lastRecordStart;
    private int lastRecordEnd;
    private long documentsAppended;
    private volatile boolean stalled;
    private volatile boolean giveUp;
    private boolean abandoned;
    private long failedAppends;

    /**
     * What recovery did, for logs and the recovery benchmark.
     *
     * @param snapshot          snapshot used, or null.
     * @param snapshotsSkipped  damaged snapshots passed over.
     * @param documents         journal documents replayed.
     * @param commandSeq        last command sequence after recovery.
     * @param durationNs        wall time.
     */
    public record Recovery(Path snapshot, int snapshotsSkipped, long documents, long commandSeq, long durationNs)
    {
    }

    private LedgerStateMachine(
        final LedgerContext context,
        final LedgerState state,
        final Journal journal,
        final ChronicleJournal journalFiles,
        final SnapshotStore snapshots,
        final long lastJournalIndex,
        final Recovery recovery,
        final LedgerNotificationListener listener)
    {
        this.context = context;
        this.state = state;
        this.journal = journal;
        this.journalFiles = journalFiles;
        this.snapshots = snapshots;
        this.lastJournalIndex = lastJournalIndex;
        this.recovery = recovery;
        this.listener = listener;
        this.encoder = new EventEncoder(INITIAL_DOCUMENT_BYTES, state,
            journal != null || context.eventsEncodedWithoutJournal());
        this.processor = new LedgerProcessor(context, state, encoder, notifications);
        encoder.beginDocument();
    }

    /**
     * Recover and return a ready state machine.
     *
     * @param context  the context (concluded here if it was not).
     * @param listener side-effect receiver (never called during recovery).
     * @return the state machine.
     * @throws JournalFormatException when the journal or every snapshot is unreadable, or written by a newer Gyro.
     */
    public static LedgerStateMachine open(final LedgerContext context, final LedgerNotificationListener listener)
    {
        if (!context.isConcluded())
        {
            context.conclude();
        }
        io.gyro.ledger.journal.JournalRecordDescriptor.checkPlatform();
        final long started = System.nanoTime();
        try
        {
            final SnapshotStore snapshots = context.snapshotDir() == null ? null :
                new SnapshotStore(context.snapshotDir(), context.snapshotRetention());
            LedgerState state = null;
            Path used = null;
            long snapshotJournalIndex = -1;
            int skipped = 0;
            if (snapshots != null)
            {
                for (final Path path : snapshots.list())
                {
                    final SnapshotStore.Header[] header = new SnapshotStore.Header[1];
                    try
                    {
                        state = snapshots.read(path, (h, in) ->
                        {
                            header[0] = h;
                            return StateSnapshotCodec.read(h, in, context.expectedAccounts());
                        });
                        used = path;
                        snapshotJournalIndex = header[0].journalIndex();
                        break;
                    }
                    catch (final JournalVersionException ex)
                    {
                        throw ex;
                    }
                    catch (final IOException | RuntimeException ex)
                    {
                        skipped++;
                        LOG.warn("snapshot {} is unusable ({}); falling back to an older one", path, ex.getMessage());
                    }
                }
            }
            if (state == null)
            {
                state = new LedgerState(context.expectedAccounts());
            }
            ChronicleJournal chronicle = null;
            long lastIndex = snapshotJournalIndex;
            long documents = 0;
            if (context.journalEnabled())
            {
                chronicle = new ChronicleJournal(context.journalDir(), context.syncPolicy(), false,
                    context.journalMinFreeBytes(), context.journalPretouchBytes(), context.journalRollClockMs());
                final ChronicleJournal journal = chronicle;
                final EventDecoder decoder = new EventDecoder();
                final LedgerState target = state;
                final long[] last = {snapshotJournalIndex};
                try
                {
                    documents = journal.readAfter(snapshotJournalIndex, (index, buffer, length) ->
                    {
                        decoder.decodeDocument(buffer, 0, length, target, index, context.journalDir().toString(),
                            target.lastCommandSeq() + 1);
                        last[0] = index;
                    });
                }
                catch (final RuntimeException ex)
                {
                    journal.close();
                    throw ex;
                }
                lastIndex = last[0];
            }
            final Recovery recovery = new Recovery(used, skipped, documents, state.lastCommandSeq(),
                System.nanoTime() - started);
            LOG.info("ledger recovered: snapshot={} skipped={} documents={} lastCommand={} in {} ms",
                used, skipped, documents, recovery.commandSeq(), recovery.durationNs() / 1_000_000);
            final Journal journal = chronicle == null ? null : context.journalDecorator().apply(chronicle);
            return new LedgerStateMachine(context, state, journal, chronicle, snapshots, lastIndex, recovery,
                listener == null ? LedgerNotificationListener.NONE : listener);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot open ledger storage", ex);
        }
    }

    /**
     * @return what recovery did.
     */
    public Recovery recovery()
    {
        return recovery;
    }

    /**
     * @param listener new side-effect receiver.
     */
    public void notificationListener(final LedgerNotificationListener listener)
    {
        this.listener = listener == null ? LedgerNotificationListener.NONE : listener;
    }

    /**
     * Decide and apply one command. With the journal on, its answer may leave only after {@link #flush()}.
     *
     * @param cmd command; results are written into it.
     */
    public void process(final LedgerCommand cmd)
    {
        if (abandoned)
        {
            throw new IllegalStateException("the journal was given up while stalled; this ledger takes no commands");
        }
        if (journal == null)
        {
            encoder.beginDocument();
        }
        else if (encoder.documentRecords() >= context.maxBatchSize())
        {
            flush();
            if (abandoned)
            {
                return;
            }
        }
        final int start = encoder.documentPosition();
        processor.process(cmd);
        lastRecordStart = start;
        lastRecordEnd = encoder.documentPosition();
        if (cmd.type == CommandType.TAKE_SNAPSHOT)
        {
            if (snapshots == null)
            {
                cmd.result = LedgerResult.INVALID_ARGUMENT;
            }
            else
            {
                snapshotRequested = true;
            }
        }
        if (journal == null)
        {
            afterDurable();
        }
    }

    /**
     * End of batch: append the open document to the journal (msync under BATCH), then write a requested
     * snapshot and deliver notifications.
     */
    public void flush()
    {
        if (abandoned)
        {
            return;
        }
        if (journal != null && encoder.documentRecords() > 0)
        {
            final int records = encoder.documentRecords();
            final int length = encoder.finishDocument();
            final long startNanos = System.nanoTime();
            if (!appendUntilDone(length, records))
            {
                return;
            }
            context.journalObserver().documentAppended(System.nanoTime() - startNanos, length, records);
            documentsAppended++;
        }
        encoder.beginDocument();
        lastRecordStart = 0;
        lastRecordEnd = 0;
        afterDurable();
    }

    /**
     * Append the finished document, retrying with back-off until it is in the journal: its commands are decided and
     * applied in memory, so dropping it would answer nothing but leave memory ahead of the journal.
     *
     * @return false when {@link #abandonStalledAppend()} ended the retrying (nothing of the batch may be answered).
     */
    private boolean appendUntilDone(final int length, final int records)
    {
        long pauseNs = STALL_RETRY_MIN_NS;
        long stalledAtNs = 0;
        long attempts = 0;
        while (true)
        {
            try
            {
                lastJournalIndex = journal.append(encoder.array(), length);
                if (stalled)
                {
                    stalled = false;
                    context.journalObserver().stalled(false);
                    LOG.info("journal appends succeed again after {} ms and {} failed attempts: the held answers " +
                        "are released", (System.nanoTime() - stalledAtNs) / 1_000_000, attempts);
                }
                return true;
            }
            catch (final RuntimeException ex)
            {
                attempts++;
                failedAppends++;
                context.journalObserver().appendFailed(ex);
                if (!stalled)
                {
                    stalled = true;
                    stalledAtNs = System.nanoTime();
                    context.journalObserver().stalled(true);
                    LOG.error("journal append failed ({}): the ledger holds the answers of {} commands and retries " +
                        "until the journal takes them; requests are shed while the ring is full", ex.getMessage(),
                        records, ex);
                }
                if (giveUp)
                {
                    abandoned = true;
                    LOG.error("journal still failing at shutdown: {} commands of the stalled batch, and any after it, " +
                        "are given up unanswered (their clients retry them); the journal ends at its last appended " +
                        "document", records);
                    return false;
                }
                LockSupport.parkNanos(pauseNs);
                pauseNs = Math.min(STALL_RETRY_MAX_NS, pauseNs * 2);
            }
        }
    }

    /**
     * @return true while journal appends fail and the ledger waits for one to succeed; readable from any thread.
     */
    public boolean isJournalStalled()
    {
        return stalled;
    }

    /**
     * @return journal appends that failed since open.
     */
    public long failedAppends()
    {
        return failedAppends;
    }

    /**
     * Shutdown while the journal fails: stop retrying the stalled document; it and every later command are given up
     * unanswered and this state machine takes no more work. Callable from any thread.
     */
    public void abandonStalledAppend()
    {
        giveUp = true;
    }

    /**
     * @return true once a stalled document was given up.
     */
    public boolean isAbandoned()
    {
        return abandoned;
    }

    private void afterDurable()
    {
        if (snapshotRequested)
        {
            snapshotRequested = false;
            writeSnapshot();
        }
        if (notifications.size() > 0)
        {
            notifications.deliver(listener);
        }
    }

    private void writeSnapshot()
    {
        try
        {
            final Path path = snapshots.write(state.lastCommandSeq(), lastJournalIndex, state.lastTimestampMs(),
                out -> StateSnapshotCodec.write(state, out));
            LOG.info("snapshot {} written at command {}", path, state.lastCommandSeq());
            if (null != journalFiles && context.journalDeleteCoveredCycles())
            {
                deleteCoveredCycles();
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            // Infrastructure failure: the journal still holds everything; keep serving, report it.
            LOG.error("snapshot at command {} failed", state.lastCommandSeq(), ex);
        }
    }

    /**
     * A restart may fall back to any kept snapshot, and the CDR writer re-reads from its checkpoint, so only the cycles
     * before both go: the journal would otherwise grow without end (tens of GB a day at 100,000 CCR/s).
     */
    private void deleteCoveredCycles()
    {
        final long covered;
        try
        {
            covered = Math.min(snapshots.oldestJournalIndex(lastJournalIndex),
                context.journalReaderFloor().getAsLong());
        }
        catch (final IOException ex)
        {
            LOG.warn("cannot list the snapshots ({}): no journal cycle deleted this time", ex.toString());
            return;
        }
        for (final Path file : journalFiles.deleteCyclesBefore(covered))
        {
            LOG.info("journal cycle {} deleted: every kept snapshot holds its changes", file);
        }
    }

    /**
     * Write a snapshot now (flushing the open document first).
     */
    public void takeSnapshot()
    {
        flush();
        if (snapshots != null && !abandoned)
        {
            writeSnapshot();
        }
    }

    /**
     * @return a 64-bit digest of the logical state.
     */
    public long stateHash()
    {
        return state.stateHash();
    }

    /**
     * @return counters and holdings for the conservation-invariant checker.
     */
    public LedgerAudit audit()
    {
        return state.audit();
    }

    /**
     * @return last applied command sequence.
     */
    public long lastCommandSeq()
    {
        return state.lastCommandSeq();
    }

    /**
     * @return journal documents appended since open.
     */
    public long documentsAppended()
    {
        return documentsAppended;
    }

    /**
     * @return events decided and applied since open (not counting replayed ones).
     */
    public long eventsRecorded()
    {
        return encoder.eventsWritten();
    }

    /**
     * @return live accounts.
     */
    public int liveAccounts()
    {
        return state.liveAccounts();
    }

    /**
     * @return sessions in any state.
     */
    public int sessionCount()
    {
        return state.sessions().size();
    }

    /**
     * @return approximate bytes of account, bucket and identity structures.
     */
    public long approximateStateBytes()
    {
        return state.approximateBytes();
    }

    /**
     * The journal record of the last command processed (empty when it changed nothing, after a flush, or when
     * events are not encoded: journal off without {@link LedgerContext#eventsEncodedWithoutJournal(boolean)}).
     *
     * @return a copy of the record bytes.
     */
    public byte[] lastRecord()
    {
        return Arrays.copyOfRange(encoder.array(), lastRecordStart, lastRecordEnd);
    }

    /**
     * A 64-bit hash of the last command's events with its sequence, type and time: independent of how commands
     * were batched into documents (the record header's time is a delta within its document). No allocation.
     *
     * @return the hash, or 0 when the last command changed nothing or events are not encoded.
     */
    public long lastRecordHash()
    {
        if (lastRecordEnd <= lastRecordStart)
        {
            return 0;
        }
        final byte[] array = encoder.array();
        int p = lastRecordStart + io.gyro.ledger.journal.JournalRecordDescriptor.RECORD_FIXED_HEADER_LENGTH;
        while (array[p] < 0)
        {
            p++;
        }
        p++;
        long h = io.gyro.ledger.internal.Hashing.hash(array, p, lastRecordEnd - p);
        h = io.gyro.ledger.internal.Hashing.combine(h, state.lastCommandSeq());
        h = io.gyro.ledger.internal.Hashing.combine(h,
            array[lastRecordStart + io.gyro.ledger.journal.JournalRecordDescriptor.RECORD_TYPE_OFFSET]);
        return io.gyro.ledger.internal.Hashing.combine(h, state.lastTimestampMs());
    }

    /**
     * Decode the last command's events (commands in, events out).
     *
     * @param handler receives the record's events.
     */
    public void decodeLastRecord(final LedgerEvents handler)
    {
        if (lastRecordEnd <= lastRecordStart)
        {
            return;
        }
        final byte[] record = lastRecord();
        new EventDecoder().decodeRecord(new UnsafeBuffer(record), 0, record.length, handler, state.lastCommandSeq(),
            encoder.recordPreviousTimeMs());
    }

    /**
     * Names of the last command's events, in order (tests).
     *
     * @return event type names.
     */
    public List<String> lastEventNames()
    {
        final List<String> names = new ArrayList<>();
        final byte[] record = lastRecord();
        if (record.length == 0)
        {
            return names;
        }
        int p = io.gyro.ledger.journal.JournalRecordDescriptor.RECORD_FIXED_HEADER_LENGTH;
        while (record[p] < 0)
        {
            p++;
        }
        p++;
        while (p < record.length)
        {
            names.add(io.gyro.ledger.journal.EventType.name(record[p++] & 0xFF));
            long length = 0;
            int shift = 0;
            byte b;
            do
            {
                b = record[p++];
                length |= (long)(b & 0x7F) << shift;
                shift += 7;
            }
            while (b < 0);
            p += (int)length;
        }
        return names;
    }

    /** Flush and close the journal (after a given-up append, only close it). */
    @Override
    public void close()
    {
        flush();
        if (journal != null)
        {
            journal.close();
        }
    }
}
