package io.gyro.ledger;

import com.lmax.disruptor.BatchEventProcessor;
import com.lmax.disruptor.BatchEventProcessorBuilder;
import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.EventTranslator;
import com.lmax.disruptor.EventTranslatorOneArg;
import com.lmax.disruptor.EventTranslatorThreeArg;
import com.lmax.disruptor.EventTranslatorTwoArg;
import com.lmax.disruptor.ExceptionHandler;
import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.locks.LockSupport;

/**
 * The single-writer pipeline: a multi-producer Disruptor ring of pre-allocated {@link LedgerCommand} slots and one
 * ledger thread that, per slot, (1) decides and applies the command, and at the end of each batch (2) appends the
 * batch's events to the journal as one document (msync under {@link SyncPolicy#BATCH}), (3) writes a requested
 * snapshot and delivers notifications, then (4) hands every answer of the batch to the {@link LedgerReplyHandler}.
 * Stages run fused on one thread: on 2 cores a second handoff costs more than it saves (ARCHITECTURE.md section 2).
 * With the journal off, answers are handed over as each command completes.
 * <p>
 * Producers (event loops) publish with {@link #tryPublish}, which returns false when the ring is full so the
 * caller can answer TOO_BUSY at once.
 * <p>
 * While journal appends fail (disk full) the ledger thread retries the batch's document and releases nothing, so
 * the ring fills and producers shed ({@link #isJournalStalled()}); closing then gives the stalled batch up
 * unanswered instead of waiting for a disk that may never come back.
 */
public final class LedgerPipeline implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(LedgerPipeline.class);
    /** Pause between checks while draining on close. */
    private static final long DRAIN_PAUSE_NS = 100_000;

    /** Adapters through which every {@code tryPublish} takes the three-argument path, without allocating. */
    private static final EventTranslatorThreeArg<LedgerCommand, EventTranslator<LedgerCommand>, Object, Object>
        NO_ARGUMENT = (cmd, sequence, translator, unusedB, unusedC) -> translator.translateTo(cmd, sequence);
    private static final EventTranslatorThreeArg<LedgerCommand, EventTranslatorOneArg<LedgerCommand, Object>, Object,
        Object> ONE_ARGUMENT = (cmd, sequence, translator, a, unusedC) -> translator.translateTo(cmd, sequence, a);
    private static final EventTranslatorThreeArg<LedgerCommand, EventTranslatorTwoArg<LedgerCommand, Object, Object>,
        Object, Object> TWO_ARGUMENTS = (cmd, sequence, translator, a, b) -> translator.translateTo(cmd, sequence, a, b);

    private final LedgerContext context;
    private final LedgerReplyHandler replies;
    private final LedgerNotificationListener notifications;
    private final RingBuffer<LedgerCommand> ring;
    private BatchEventProcessor<LedgerCommand> processor;
    private Thread thread;
    private LedgerStateMachine stateMachine;
    private volatile boolean ready;
    private volatile boolean failed;
    private volatile boolean closed;

    /**
     * @param context       configuration (concluded here if it was not).
     * @param replies       receives every answer after its events are journaled.
     * @param notifications receives side effects (RAR/ASR/expiry); may be null.
     */
    public LedgerPipeline(
        final LedgerContext context,
        final LedgerReplyHandler replies,
        final LedgerNotificationListener notifications)
    {
        if (!context.isConcluded())
        {
            context.conclude();
        }
        this.context = context;
        this.replies = replies;
        this.notifications = notifications == null ? LedgerNotificationListener.NONE : notifications;
        this.ring = RingBuffer.createMultiProducer(LedgerCommand::new, context.ringSize(), context.waitStrategy());
    }

    /**
     * Recover (newest valid snapshot + journal tail), then start the ledger thread. Readiness turns true only
     * after recovery.
     *
     * @throws io.gyro.ledger.journal.JournalFormatException when the journal cannot be read: do not run.
     */
    public synchronized void start()
    {
        if (thread != null)
        {
            throw new IllegalStateException("pipeline already started");
        }
        stateMachine = LedgerStateMachine.open(context, notifications);
        processor = new BatchEventProcessorBuilder()
            .setMaxBatchSize(context.maxBatchSize())
            .build(ring, ring.newBarrier(), new Handler());
        processor.setExceptionHandler(new FatalHandler());
        ring.addGatingSequences(processor.getSequence());
        thread = new Thread(processor, context.threadName());
        thread.setDaemon(false);
        thread.start();
        ready = true;
    }

    /**
     * @return true after recovery while the ledger thread runs.
     */
    public boolean isReady()
    {
        return ready && !failed && !closed;
    }

    /**
     * @return true while journal appends fail and the ledger thread waits for one to succeed.
     */
    public boolean isJournalStalled()
    {
        final LedgerStateMachine machine = stateMachine;
        return machine != null && machine.isJournalStalled();
    }

    /**
     * @return what recovery did (null before {@link #start()}).
     */
    public LedgerStateMachine.Recovery recovery()
    {
        return stateMachine == null ? null : stateMachine.recovery();
    }

    /**
     * Publish a command.
     *
     * @param translator fills the slot (call {@code cmd.reset()} first, stamp {@code timestampMs}).
     * @return false when the ring is full or the pipeline is not ready.
     */
    public boolean tryPublish(final EventTranslator<LedgerCommand> translator)
    {
        return tryPublish(NO_ARGUMENT, translator, null, null);
    }

    /**
     * Publish a command with one argument, without capturing lambdas.
     *
     * @param translator fills the slot.
     * @param arg        argument.
     * @param <A>        argument type.
     * @return false when the ring is full or the pipeline is not ready.
     */
    public <A> boolean tryPublish(final EventTranslatorOneArg<LedgerCommand, A> translator, final A arg)
    {
        return tryPublish(LedgerPipeline.<A>oneArgument(), translator, arg, null);
    }

    /**
     * Publish a command with two arguments.
     *
     * @param translator fills the slot.
     * @param a          first argument.
     * @param b          second argument.
     * @param <A>        first type.
     * @param <B>        second type.
     * @return false when the ring is full or the pipeline is not ready.
     */
    public <A, B> boolean tryPublish(
        final EventTranslatorTwoArg<LedgerCommand, A, B> translator, final A a, final B b)
    {
        return tryPublish(LedgerPipeline.<A, B>twoArguments(), translator, a, b);
    }

    /**
     * Publish a command with three arguments.
     *
     * @param translator fills the slot.
     * @param a          first argument.
     * @param b          second argument.
     * @param c          third argument.
     * @param <A>        first type.
     * @param <B>        second type.
     * @param <C>        third type.
     * @return false when the ring is full or the pipeline is not ready.
     */
    public <A, B, C> boolean tryPublish(
        final EventTranslatorThreeArg<LedgerCommand, A, B, C> translator, final A a, final B b, final C c)
    {
        if (!isReady())
        {
            return false;
        }
        final long sequence;
        try
        {
            sequence = ring.tryNext();
        }
        catch (final InsufficientCapacityException ex)
        {
            return false;
        }
        try
        {
            translator.translateTo(ring.get(sequence), sequence, a, b, c);
        }
        finally
        {
            prepareAndPublish(sequence);
        }
        return true;
    }

    @SuppressWarnings("unchecked")
    private static <A> EventTranslatorThreeArg<LedgerCommand, EventTranslatorOneArg<LedgerCommand, A>, A, Object>
        oneArgument()
    {
        return (EventTranslatorThreeArg<LedgerCommand, EventTranslatorOneArg<LedgerCommand, A>, A, Object>)
            (EventTranslatorThreeArg<?, ?, ?, ?>)ONE_ARGUMENT;
    }

    @SuppressWarnings("unchecked")
    private static <A, B> EventTranslatorThreeArg<LedgerCommand, EventTranslatorTwoArg<LedgerCommand, A, B>, A, B>
        twoArguments()
    {
        return (EventTranslatorThreeArg<LedgerCommand, EventTranslatorTwoArg<LedgerCommand, A, B>, A, B>)
            (EventTranslatorThreeArg<?, ?, ?, ?>)TWO_ARGUMENTS;
    }

    /**
     * Finish the filled slot on the producer's thread, then publish it: work done here is work the single ledger
     * thread does not do. A claimed slot is always published, even when its translator threw, as the Disruptor's own
     * tryPublishEvent does: an unpublished sequence would stop the ledger at it for good.
     */
    private void prepareAndPublish(final long sequence)
    {
        try
        {
            ring.get(sequence).hashSessionKey();
        }
        finally
        {
            ring.publish(sequence);
        }
    }

    /**
     * @return free slots now (for shedding decisions).
     */
    public long remainingCapacity()
    {
        return ring.remainingCapacity();
    }

    /**
     * @return ring slots.
     */
    public int ringSize()
    {
        return ring.getBufferSize();
    }

    /**
     * @return fraction of the ring in use, 0..1 (ARCHITECTURE.md: shed new sessions above 0.75).
     */
    public double occupancy()
    {
        return 1.0 - (double)ring.remainingCapacity() / ring.getBufferSize();
    }

    /**
     * Drain every published command, flush and close the journal, stop the ledger thread.
     */
    @Override
    public synchronized void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        if (thread == null)
        {
            return;
        }
        while (!failed && processor.isRunning() && processor.getSequence().get() < ring.getCursor() &&
            !Thread.currentThread().isInterrupted())
        {
            if (stateMachine.isJournalStalled())
            {
                // The disk may never come back: give the stalled batch up unanswered rather than hang the shutdown.
                stateMachine.abandonStalledAppend();
                break;
            }
            LockSupport.parkNanos(DRAIN_PAUSE_NS);
        }
        processor.halt();
        try
        {
            thread.join();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    /** Stages 1-4 on the ledger thread. */
    private final class Handler implements EventHandler<LedgerCommand>
    {
        private long batchStart = -1;

        @Override
        public void onEvent(final LedgerCommand cmd, final long sequence, final boolean endOfBatch)
        {
            if (stateMachine.isAbandoned())
            {
                return;
            }
            if (batchStart < 0)
            {
                batchStart = sequence;
            }
            stateMachine.process(cmd);
            if (stateMachine.isAbandoned())
            {
                return;
            }
            if (!context.journalEnabled())
            {
                replies.onReply(cmd, sequence, endOfBatch);
                if (endOfBatch)
                {
                    stateMachine.flush();
                    batchStart = -1;
                }
                return;
            }
            if (endOfBatch)
            {
                stateMachine.flush();
                if (stateMachine.isAbandoned())
                {
                    return;
                }
                for (long s = batchStart; s <= sequence; s++)
                {
                    replies.onReply(ring.get(s), s, s == sequence);
                }
                batchStart = -1;
            }
        }

        @Override
        public void onShutdown()
        {
            if (!failed)
            {
                stateMachine.close();
            }
        }
    }

    /** Never continue after a half-applied command: report, stop the ledger thread, and let the handler halt. */
    private final class FatalHandler implements ExceptionHandler<LedgerCommand>
    {
        @Override
        public void handleEventException(final Throwable ex, final long sequence, final LedgerCommand event)
        {
            failed = true;
            LOG.error("ledger failed at sequence {} ({})", sequence, event == null ? null : event.type, ex);
            context.fatalErrorHandler().accept(ex);
            throw new IllegalStateException("ledger halted after a failure at sequence " + sequence, ex);
        }

        @Override
        public void handleOnStartException(final Throwable ex)
        {
            failed = true;
            context.fatalErrorHandler().accept(ex);
        }

        @Override
        public void handleOnShutdownException(final Throwable ex)
        {
            LOG.error("ledger failed to close its journal cleanly", ex);
        }
    }
}
