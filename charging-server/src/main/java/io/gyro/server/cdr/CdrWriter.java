package io.gyro.server.cdr;

import io.gyro.ledger.journal.EventDecoder;
import io.gyro.ledger.journal.JournalRecordDescriptor;
import io.gyro.server.metrics.JournalTotals;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.locks.LockSupport;

/**
 * Writes CDRs from the journal on its own thread ({@code gyro-cdr}), off the hot path: a Chronicle tailer of its
 * own reads each journal document after the ledger appended it (the ledger never waits for it), a
 * {@link SessionTracker} turns events into lines, and {@link CdrFiles} writes them into one file per period.
 * <p>
 * No line is lost or written twice across a crash: the {@link CdrCheckpoint} records the journal document last
 * processed together with the open file's length and every session being followed; on start the file is cut back
 * to that length and the journal is read again from there, producing the same lines with the same ids. A
 * document's lines all go to the file of its first record's period (periods never go back), so files roll only
 * between documents, where the checkpoint can describe the state exactly. When nothing arrives, a file is still
 * completed once the clock passes the end of its period.
 */
public final class CdrWriter implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(CdrWriter.class);
    /**
     * A checkpoint at most this often while lines are written: bounds the journal re-read after a crash to a few
     * seconds of traffic, while each checkpoint rewrites every open session (about 300 bytes each).
     */
    static final long CHECKPOINT_INTERVAL_MS = 5_000;
    /**
     * After a failed write (a full disk, an I/O error) the writer starts again from its checkpoint once this much
     * time has passed on the clock, as a restart would.
     */
    static final long RETRY_INTERVAL_MS = 5_000;
    /** A failed write's stack trace is logged at most this often. */
    private static final long FAILURE_STACK_INTERVAL_MS = 60_000;
    /** Longest park while idle: CDR latency does not matter, a 2-core machine's CPU does. */
    private static final long MAX_IDLE_PARK_NS = 10_000_000;
    /** Poll interval of {@link #awaitCaughtUp}. */
    private static final long AWAIT_PARK_NS = 1_000_000;

    private final Path dir;
    private final long rollIntervalMs;
    private final int moneyScale;
    private final EpochClock clock;
    private final JournalTotals totals;
    private final SingleChronicleQueue queue;
    private final ExcerptTailer tailer;
    private final CdrFiles files;
    private SessionTracker tracker;
    private final EventDecoder decoder = new EventDecoder();
    private final StringBuilder text = new StringBuilder(512);
    private final IdleStrategy idle = new BackoffIdleStrategy(10, 10, 1_000, MAX_IDLE_PARK_NS);
    private final Thread thread;
    private byte[] array = new byte[1 << 16];
    private final UnsafeBuffer buffer = new UnsafeBuffer(array);

    private long nextRecordId = 1;
    private long minPeriod;
    private long publishPeriod = -1;
    private long documentPeriod;
    private long lastCheckpointMs;
    private volatile long checkpointedIndex;
    private volatile long processedIndex = -1;
    private volatile long flushedIndex = -1;
    /** Started without a checkpoint and no document with records read yet: is the journal whole? */
    private boolean checkJournalStart;
    private volatile long unseenJournalCommands;
    private long lastFailureStackMs = Long.MIN_VALUE / 2;
    private volatile boolean stopping;
    private volatile boolean halted;
    private volatile Throwable failure;

    private CdrWriter(
        final Path journalDir,
        final Path dir,
        final long rollIntervalMs,
        final int moneyScale,
        final EpochClock clock,
        final JournalTotals totals) throws IOException
    {
        this.dir = dir;
        this.rollIntervalMs = rollIntervalMs;
        this.moneyScale = moneyScale;
        this.clock = clock;
        this.totals = totals;
        this.files = new CdrFiles(dir);
        this.tracker = new SessionTracker(this::write, totals);
        this.queue = SingleChronicleQueueBuilder.binary(journalDir).rollCycle(RollCycles.FAST_DAILY).build();
        this.tailer = queue.createTailer().toStart();
        this.thread = new Thread(this::run, "gyro-cdr");
        this.thread.setDaemon(true);
    }

    /**
     * Recover the checkpoint and start tailing.
     *
     * @param journalDir     the ledger's journal directory (the ledger must have opened it).
     * @param dir            the CDR directory.
     * @param rollIntervalMs length of a file's period.
     * @param moneyScale     decimal places of the minor unit, for amounts.
     * @param clock          decides when an idle file's period is over.
     * @param totals         journal-derived metrics, or null.
     * @return the running writer.
     * @throws IOException when the CDR directory is inconsistent (the message says how to repair it).
     */
    public static CdrWriter start(
        final Path journalDir,
        final Path dir,
        final long rollIntervalMs,
        final int moneyScale,
        final EpochClock clock,
        final JournalTotals totals) throws IOException
    {
        final CdrWriter writer = new CdrWriter(journalDir, dir, rollIntervalMs, moneyScale, clock, totals);
        try
        {
            writer.recover();
        }
        catch (final IOException | RuntimeException ex)
        {
            writer.queue.close();
            throw ex;
        }
        if (null != totals)
        {
            totals.tracking(true, moneyScale);
        }
        // Chronicle tailers are confined to one thread: positioned here, read only by gyro-cdr from now on.
        writer.tailer.singleThreadedCheckReset();
        writer.thread.start();
        return writer;
    }

    private void recover() throws IOException
    {
        final CdrCheckpoint checkpoint = CdrCheckpoint.read(dir);
        lastCheckpointMs = clock.time();
        if (null == checkpoint)
        {
            if (!files.list(CdrFiles.DONE_SUFFIX).isEmpty())
            {
                throw new IOException("the CDR directory " + dir + " holds completed CDR files but no " +
                    CdrCheckpoint.FILE_NAME + ", so Gyro cannot tell which CDRs were written: restore " +
                    CdrCheckpoint.FILE_NAME + ", or move the files away to write every CDR again from the journal");
            }
            for (final Path partial : files.list(CdrFiles.OPEN_SUFFIX))
            {
                Files.delete(partial);
            }
            tailer.toStart();
            checkJournalStart = true;
            checkpointedIndex = -1;
            LOG.info("CDR writer starts from the beginning of the journal into {}", dir);
            return;
        }
        checkJournalStart = false;
        nextRecordId = checkpoint.nextRecordId();
        minPeriod = checkpoint.minPeriod();
        if (checkpoint.publishPeriod() >= 0 && files.publish(checkpoint.publishPeriod()))
        {
            LOG.info("CDR file {} completed after a restart", files.donePath(checkpoint.publishPeriod()));
        }
        for (final Path partial : files.list(CdrFiles.OPEN_SUFFIX))
        {
            if (checkpoint.openPeriod() >= 0 && partial.equals(files.openPath(checkpoint.openPeriod())))
            {
                continue;
            }
            final long period = CdrFiles.periodOf(partial);
            if (period >= 0 && period < checkpoint.minPeriod())
            {
                // A period before the checkpoint's first allowed one was completed (forced, then checkpointed) by
                // a roll: only its rename was lost (a power loss before the directory reached the disk).
                files.publish(period);
                LOG.warn("CDR file {} was complete but still in progress (its rename was lost in a crash): " +
                    "completed now", files.donePath(period));
            }
            else
            {
                // Lines written after the checkpoint into a later period: the journal tail writes them again.
                Files.delete(partial);
            }
        }
        if (checkpoint.openPeriod() >= 0)
        {
            files.resume(checkpoint.openPeriod(), checkpoint.openLength());
        }
        tracker.restore(checkpoint.tariffBytes(), checkpoint.sessions());
        final long index = checkpoint.journalIndex();
        if (index >= 0)
        {
            if (!tailer.moveToIndex(index))
            {
                throw new IOException("the CDR checkpoint in " + dir + " is at journal index 0x" +
                    Long.toHexString(index) + ", which the journal does not have (was the journal replaced?): " +
                    "move the CDR directory away to write every CDR again from this journal");
            }
            try (DocumentContext dc = tailer.readingDocument())
            {
                if (!dc.isPresent())
                {
                    throw new IOException("cannot read journal document 0x" + Long.toHexString(index) +
                        " named by the CDR checkpoint in " + dir);
                }
            }
        }
        else
        {
            // Checkpointed before any document (a restart after a failed write has read on since).
            tailer.toStart();
        }
        processedIndex = index;
        flushedIndex = index;
        checkpointedIndex = index;
        LOG.info("CDR writer resumes after journal index 0x{} with {} open sessions, next record {}",
            Long.toHexString(index), checkpoint.sessions().size(), nextRecordId);
    }

    private void run()
    {
        try
        {
            boolean restart = false;
            while (true)
            {
                try
                {
                    if (restart)
                    {
                        restartFromCheckpoint();
                    }
                    tail();
                    return;
                }
                catch (final IOException | UncheckedIOException ex)
                {
                    // A full disk or an I/O error: nothing after the checkpoint is trusted, so after a pause the
                    // writer starts again from it exactly as a restart of Gyro would (the journal keeps the rest).
                    // The pause is measured from before the failure is visible (to awaitCaughtUp, to tests).
                    final long retryAtMs = clock.time() + RETRY_INTERVAL_MS;
                    failure = ex;
                    final String message = "a CDR write failed after journal index 0x{}: CDRs start again from " +
                        "the last checkpoint in {} ms (the journal keeps everything; nothing is lost or written " +
                        "twice): {}";
                    // A disk that stays full fails every retry: the stack trace at most once a minute (logs may
                    // share that disk).
                    if (retryAtMs - lastFailureStackMs >= FAILURE_STACK_INTERVAL_MS)
                    {
                        lastFailureStackMs = retryAtMs;
                        LOG.error(message, Long.toHexString(processedIndex), RETRY_INTERVAL_MS, ex.toString(), ex);
                    }
                    else
                    {
                        LOG.error(message, Long.toHexString(processedIndex), RETRY_INTERVAL_MS, ex.toString());
                    }
                    if (null != totals)
                    {
                        totals.cdrWriteError();
                    }
                    files.discard();
                    restart = true;
                    if (!awaitRetry(retryAtMs))
                    {
                        return;
                    }
                }
            }
        }
        catch (final Throwable ex)
        {
            failure = ex;
            LOG.error("the CDR writer stopped after journal index 0x{}: no CDRs are written until it is fixed and " +
                "Gyro restarted (the journal keeps everything; CDRs resume from the last checkpoint)",
                Long.toHexString(processedIndex), ex);
        }
    }

    /**
     * @param retryAtMs clock time to start again at.
     * @return true when it has come; false when the writer is being stopped.
     */
    private boolean awaitRetry(final long retryAtMs)
    {
        while (!halted && !stopping)
        {
            if (clock.time() >= retryAtMs)
            {
                return true;
            }
            LockSupport.parkNanos(MAX_IDLE_PARK_NS);
        }
        return false;
    }

    /** Forget everything since the checkpoint and read it again, as a start does. */
    private void restartFromCheckpoint() throws IOException
    {
        files.discard();
        tracker = new SessionTracker(this::write, totals);
        nextRecordId = 1;
        minPeriod = 0;
        publishPeriod = -1;
        documentPeriod = 0;
        processedIndex = -1;
        flushedIndex = -1;
        recover();
        failure = null;
        LOG.info("the CDR writer started again from its checkpoint after a failed write");
    }

    /** Read and write until stopped; throws on a failed write. */
    private void tail() throws IOException
    {
        while (!halted)
        {
            if (readDocument())
            {
                idle.reset();
                continue;
            }
            if (null != totals)
            {
                totals.lagMs(0);
            }
            files.flush();
            flushedIndex = processedIndex;
            if (stopping)
            {
                break;
            }
            onIdle();
            idle.idle();
        }
        if (halted)
        {
            files.abandon();
        }
        else
        {
            checkpoint();
            files.closeCurrent();
        }
    }

    private boolean readDocument() throws IOException
    {
        final long index;
        final int length;
        try (DocumentContext dc = tailer.readingDocument())
        {
            if (!dc.isPresent())
            {
                return false;
            }
            final Bytes<?> bytes = dc.wire().bytes();
            length = (int)bytes.readRemaining();
            if (length > array.length)
            {
                array = new byte[Math.max(length, array.length * 2)];
                buffer.wrap(array);
            }
            bytes.read(array, 0, length);
            index = dc.index();
        }
        process(index, length);
        return true;
    }

    private void process(final long index, final int length) throws IOException
    {
        final boolean hasRecords = length >= JournalRecordDescriptor.DOCUMENT_HEADER_LENGTH &&
            buffer.getInt(JournalRecordDescriptor.RECORD_COUNT_OFFSET) > 0;
        if (hasRecords)
        {
            // The document's base time is its first record's time; later records only move forward from it.
            final long timestampMs = buffer.getLong(JournalRecordDescriptor.BASE_TIME_OFFSET);
            final long target = Math.max(Math.floorDiv(timestampMs, rollIntervalMs) * rollIntervalMs, minPeriod);
            if (files.period() >= 0 && target > files.period())
            {
                roll();
            }
            documentPeriod = target;
            if (checkJournalStart)
            {
                checkJournalStart = false;
                checkJournalStart(timestampMs);
            }
            if (null != totals)
            {
                totals.lagMs(Math.max(0, clock.time() - timestampMs));
            }
        }
        try
        {
            decoder.decodeDocument(buffer, 0, length, tracker, index, dir.toString());
        }
        catch (final UncheckedIOException ex)
        {
            throw ex.getCause();
        }
        processedIndex = index;
        tracker.publishTotals();
        if (clock.time() - lastCheckpointMs >= CHECKPOINT_INTERVAL_MS)
        {
            checkpoint();
        }
    }

    /**
     * A writer without a checkpoint reads the journal from its first document still on disk; when retention deleted
     * days before it (no CDR checkpoint held them), sessions opened in them get no line. Said once, at WARN.
     */
    private void checkJournalStart(final long timestampMs)
    {
        final long firstCommand = buffer.getLong(JournalRecordDescriptor.FIRST_SEQUENCE_OFFSET);
        if (firstCommand > 1)
        {
            unseenJournalCommands = firstCommand - 1;
            LOG.warn("the CDR writer starts without a checkpoint on a journal that begins at command {} ({}): the " +
                "{} commands before were deleted by journal retention before CDRs were written from them, so " +
                "sessions opened in them get no CDR (their charges are in the balances)", firstCommand,
                java.time.Instant.ofEpochMilli(timestampMs), firstCommand - 1);
        }
    }

    /**
     * @return how many journal commands a writer started without a checkpoint never saw because journal retention
     * had deleted them (0 for a whole journal or a writer that resumed from a checkpoint). Any thread.
     */
    public long unseenJournalCommands()
    {
        return unseenJournalCommands;
    }

    private void write(final CdrLine line)
    {
        try
        {
            if (files.period() < 0)
            {
                files.open(documentPeriod);
            }
            text.setLength(0);
            line.appendTo(nextRecordId++, moneyScale, text);
            files.write(text);
            if (null != totals)
            {
                totals.cdrRecord();
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private void onIdle() throws IOException
    {
        final long now = clock.time();
        if (files.period() >= 0 && now >= files.period() + rollIntervalMs)
        {
            roll();
        }
        else if (processedIndex != checkpointedIndex && now - lastCheckpointMs >= CHECKPOINT_INTERVAL_MS)
        {
            checkpoint();
        }
    }

    /** Complete the open file: checkpoint that it is complete, then rename it (a crash in between renames on start). */
    private void roll() throws IOException
    {
        final long period = files.period();
        files.closeCurrent();
        publishPeriod = period;
        minPeriod = Math.max(minPeriod, period + rollIntervalMs);
        checkpoint();
        files.publish(period);
        publishPeriod = -1;
        if (null != totals)
        {
            totals.cdrFile();
        }
        LOG.debug("CDR file {} completed", files.donePath(period));
    }

    private void checkpoint() throws IOException
    {
        files.force();
        new CdrCheckpoint(processedIndex, nextRecordId, files.period(), files.length(), minPeriod, publishPeriod,
            tracker.tariffBytes(), new ArrayList<>(tracker.sessions().values())).write(dir);
        checkpointedIndex = processedIndex;
        lastCheckpointMs = clock.time();
    }

    /**
     * The journal index a CDR writer started on {@code cdrDir} would resume after, for when none runs (CDRs turned
     * off for a while): turned on again, it must still find that journal document.
     *
     * @param cdrDir the CDR directory.
     * @return its checkpoint's journal index; Long.MAX_VALUE when it has no checkpoint; -1 when the checkpoint
     * cannot be read (nothing is known to be done with).
     */
    public static long checkpointedIndexIn(final Path cdrDir)
    {
        try
        {
            final CdrCheckpoint checkpoint = CdrCheckpoint.read(cdrDir);
            return null == checkpoint ? Long.MAX_VALUE : checkpoint.journalIndex();
        }
        catch (final IOException | RuntimeException unreadable)
        {
            return -1;
        }
    }

    /**
     * @return the journal index a restart resumes after (its checkpoint's), or -1 while it would read the whole
     * journal: the ledger keeps the journal's cycles from this one on. Any thread.
     */
    public long checkpointedIndex()
    {
        return checkpointedIndex;
    }

    /**
     * Wait until every journal document present now has been processed and its lines handed to the OS (tests).
     * Polls; never blocks the ledger.
     *
     * @param timeout how long to wait at most.
     * @return true when caught up; false on timeout or when the writer has failed.
     */
    public boolean awaitCaughtUp(final Duration timeout)
    {
        final long target = queue.lastIndex();
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (flushedIndex < target)
        {
            if (null != failure || System.nanoTime() > deadline || !thread.isAlive())
            {
                return flushedIndex >= target;
            }
            LockSupport.parkNanos(AWAIT_PARK_NS);
        }
        return true;
    }

    /** @return the failure that stopped the writer, or null while it runs. */
    public Throwable failure()
    {
        return failure;
    }

    /** @return the CDR directory. */
    public Path directory()
    {
        return dir;
    }

    /**
     * Stop as a crash would: no final checkpoint, lines after the last checkpoint left in the file (tests of
     * recovery only).
     */
    public void halt()
    {
        halted = true;
        join();
        queue.close();
        if (null != totals)
        {
            totals.tracking(false, moneyScale);
        }
    }

    /** Process what the journal holds, checkpoint, close the file (left in progress) and stop. */
    @Override
    public void close()
    {
        if (halted)
        {
            return;
        }
        stopping = true;
        join();
        queue.close();
        if (null != totals)
        {
            totals.tracking(false, moneyScale);
        }
    }

    private void join()
    {
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
