package io.gyro.ledger.testing;

import io.gyro.ledger.journal.Journal;
import io.gyro.ledger.journal.JournalAppendException;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;

/**
 * Wraps the ledger's journal to simulate a full or slow disk (issue 8): while "full", every append fails the way
 * a refused append does (nothing written); "slow" delays every append; "held" blocks appends until released.
 * Install it with {@code LedgerContext.journalDecorator(FaultInjectingJournal.installInto(holder))}. Thread safe:
 * the test thread flips the faults while the ledger thread appends.
 */
public final class FaultInjectingJournal implements Journal
{
    /** Longest wait for the ledger to reach a state a test waits for; never a latency assertion. */
    public static final long AWAIT_SECONDS = 30;

    private final Journal delegate;
    private volatile boolean full;
    private volatile long delayNanos;
    private volatile CountDownLatch hold;
    private final AtomicLong failNext = new AtomicLong();
    private final AtomicLong attempts = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong appended = new AtomicLong();

    /**
     * @param delegate the real journal.
     */
    public FaultInjectingJournal(final Journal delegate)
    {
        this.delegate = delegate;
    }

    /**
     * @param holder receives the wrapper once the ledger opens its journal (after recovery).
     * @return a decorator for {@code LedgerContext.journalDecorator}.
     */
    public static UnaryOperator<Journal> installInto(final AtomicReference<FaultInjectingJournal> holder)
    {
        return journal ->
        {
            final FaultInjectingJournal faulty = new FaultInjectingJournal(journal);
            holder.set(faulty);
            return faulty;
        };
    }

    /**
     * @param full true: every append fails as on a full disk, until set back to false ("space returns").
     */
    public void diskFull(final boolean full)
    {
        this.full = full;
    }

    /**
     * @param count the next this many appends fail, then the disk works again.
     */
    public void failNext(final long count)
    {
        failNext.set(count);
    }

    /**
     * @param nanos delay added to every append (a slow disk); 0 for none.
     */
    public void delayNanos(final long nanos)
    {
        this.delayNanos = nanos;
    }

    /**
     * @param gate appends wait until it opens; null to stop holding.
     */
    public void holdUntil(final CountDownLatch gate)
    {
        this.hold = gate;
    }

    /** @return appends attempted (failed ones included). */
    public long attempts()
    {
        return attempts.get();
    }

    /** @return appends that failed. */
    public long failures()
    {
        return failures.get();
    }

    /** @return documents appended. */
    public long appended()
    {
        return appended.get();
    }

    /**
     * Wait until a condition holds, polling (the ledger thread makes progress on its own).
     *
     * @param condition what to wait for.
     * @return true when it held within {@link #AWAIT_SECONDS}.
     */
    public static boolean await(final BooleanSupplier condition)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(AWAIT_SECONDS);
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() > deadline)
            {
                return false;
            }
            LockSupport.parkNanos(1_000_000);
        }
        return true;
    }

    @Override
    public long append(final byte[] bytes, final int length)
    {
        attempts.incrementAndGet();
        final CountDownLatch gate = hold;
        if (null != gate)
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
        if (full || failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0)
        {
            failures.incrementAndGet();
            throw new JournalAppendException("simulated: no space left on device", null);
        }
        final long delay = delayNanos;
        if (delay > 0)
        {
            LockSupport.parkNanos(delay);
        }
        final long index = delegate.append(bytes, length);
        appended.incrementAndGet();
        return index;
    }

    @Override
    public void close()
    {
        delegate.close();
    }
}
