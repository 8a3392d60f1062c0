package io.gyro.server.ledger;

import com.lmax.disruptor.EventTranslatorOneArg;
import io.gyro.ledger.LedgerCommand;
import io.gyro.ledger.LedgerReplyHandler;
import io.gyro.ledger.LedgerResult;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The server's door to the ledger ring: publishes with load shedding by {@link Priority}, and routes every
 * processed command back to the {@link ReplyTarget} named in its {@code replyLane}, waking each target once per
 * ledger batch.
 * <p>
 * Admin-style calls (admin API, demo data, ticks in tests) get a {@link CompletableFuture} completed on the reply
 * thread with a copy of the outcome. Thread safe: lanes publish from their event loops concurrently (the ring is
 * multi-producer).
 */
public final class LedgerGateway implements LedgerReplyHandler
{
    /** Updates give way above this ring occupancy, after new sessions (which give way at the configured 0.75). */
    public static final double UPDATE_SHED_OCCUPANCY = 0.90;

    private CommandRing ring;
    private final double newSessionShedOccupancy;
    private final double adminPublishBelow;
    private final List<ReplyTarget> registered = new ArrayList<>();
    private ReplyTarget[] targets = new ReplyTarget[0];
    private boolean[] dirty = new boolean[0];
    private final int adminLane;
    private final AdminReplies adminReplies = new AdminReplies();
    private final AtomicLong adminTokens = new AtomicLong();
    private final AdminTranslator adminTranslator = new AdminTranslator();
    private volatile CountDownLatch replyGate;

    /**
     * Create the gateway; {@link #attach(CommandRing)} the ring before publishing (the ledger pipeline needs this
     * gateway as its reply handler before the ring exists).
     *
     * @param newSessionShedOccupancy  occupancy (0..1) from which new sessions are shed.
     * @param adminPublishBelow        occupancy (0..1) below which admin writes are published.
     */
    public LedgerGateway(final double newSessionShedOccupancy, final double adminPublishBelow)
    {
        this.newSessionShedOccupancy = newSessionShedOccupancy;
        this.adminPublishBelow = adminPublishBelow;
        this.adminLane = register(adminReplies);
    }

    /**
     * @param ring the ledger's ring, once it exists.
     */
    public void attach(final CommandRing ring)
    {
        this.ring = ring;
    }

    /**
     * Register a reply target before the ledger starts.
     *
     * @param target where replies with the returned lane go.
     * @return the lane number to put in {@link LedgerCommand#replyLane}.
     */
    public synchronized int register(final ReplyTarget target)
    {
        registered.add(target);
        targets = registered.toArray(new ReplyTarget[0]);
        dirty = new boolean[targets.length];
        return targets.length - 1;
    }

    /** @return ring occupancy between 0 (empty) and 1 (full). */
    public double occupancy()
    {
        final int size = ring.bufferSize();
        return (size - ring.remainingCapacity()) / (double)size;
    }

    /** @return slots in the ring. */
    public int ringSize()
    {
        return ring.bufferSize();
    }

    /**
     * Whether a command of this priority would be accepted now.
     *
     * @param priority of the command.
     * @return false when it should be shed.
     */
    public boolean admits(final Priority priority)
    {
        return switch (priority)
        {
            case NEW_SESSION -> occupancy() < newSessionShedOccupancy;
            case UPDATE -> occupancy() < UPDATE_SHED_OCCUPANCY;
            case ADMIN -> occupancy() < adminPublishBelow;
            case TERMINATION, INTERNAL -> true;
        };
    }

    /**
     * Publish unless shed or the ring is full; never blocks.
     *
     * @param priority   decides the shedding threshold.
     * @param translator fills the slot.
     * @param argument   passed to the translator.
     * @param <A>        argument type.
     * @return true when published; false means answer "too busy" now.
     */
    public <A> boolean tryPublish(
        final Priority priority, final EventTranslatorOneArg<LedgerCommand, A> translator, final A argument)
    {
        return admits(priority) && ring.tryPublish(translator, argument);
    }

    /**
     * Submit an admin-style command and get its outcome later.
     *
     * @param priority {@link Priority#ADMIN} for admin writes (shed above the admin threshold), or
     *                 {@link Priority#INTERNAL} to wait for a slot (ticks, start-up loading).
     * @param filler   fills the slot's request fields (type, timestamp, payload ...); the reply routing is set here.
     * @return the outcome, or a future completed with {@link LedgerResult#LIMIT_EXCEEDED} when shed.
     */
    public CompletableFuture<CommandOutcome> call(final Priority priority, final Consumer<LedgerCommand> filler)
    {
        final long token = adminTokens.incrementAndGet();
        final CompletableFuture<CommandOutcome> future = new CompletableFuture<>();
        adminReplies.pending.put(token, future);
        final AdminCall call = new AdminCall(filler, adminLane, token);
        if (Priority.INTERNAL == priority)
        {
            ring.publish(adminTranslator, call);
            return future;
        }
        if (!tryPublish(priority, adminTranslator, call))
        {
            adminReplies.pending.remove(token);
            future.complete(new CommandOutcome(LedgerResult.LIMIT_EXCEEDED, null, 0, 0, 0, 0, false, -1, 0));
        }
        return future;
    }

    /**
     * Hold the ledger thread at its next reply until {@code resume} opens, so that the ring fills: how the
     * overload tests force shedding without timing (issue 8). Never used in production.
     *
     * @param resume opened by the test to let the ledger go on; null to stop holding.
     */
    public void holdRepliesUntil(final CountDownLatch resume)
    {
        this.replyGate = resume;
    }

    @Override
    public void onReply(final LedgerCommand command, final long sequence, final boolean endOfBatch)
    {
        final CountDownLatch gate = replyGate;
        if (null != gate)
        {
            awaitGate(gate);
        }
        final int lane = command.replyLane;
        final ReplyTarget[] current = targets;
        if (lane >= 0 && lane < current.length)
        {
            current[lane].onReply(command);
            dirty[lane] = true;
        }
        if (endOfBatch)
        {
            for (int i = 0; i < current.length; i++)
            {
                if (dirty[i])
                {
                    dirty[i] = false;
                    current[i].endOfBatch();
                }
            }
        }
    }

    private static void awaitGate(final CountDownLatch gate)
    {
        try
        {
            gate.await();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    private record AdminCall(Consumer<LedgerCommand> filler, int lane, long token)
    {
    }

    private static final class AdminTranslator implements EventTranslatorOneArg<LedgerCommand, AdminCall>
    {
        @Override
        public void translateTo(final LedgerCommand command, final long sequence, final AdminCall call)
        {
            command.reset();
            call.filler().accept(command);
            command.replyLane = call.lane();
            command.replyToken = call.token();
        }
    }

    private static final class AdminReplies implements ReplyTarget
    {
        private final ConcurrentHashMap<Long, CompletableFuture<CommandOutcome>> pending = new ConcurrentHashMap<>();

        @Override
        public void onReply(final LedgerCommand command)
        {
            final CompletableFuture<CommandOutcome> future = pending.remove(command.replyToken);
            if (null != future)
            {
                future.complete(CommandOutcome.of(command));
            }
        }

        @Override
        public void endOfBatch()
        {
        }
    }
}
