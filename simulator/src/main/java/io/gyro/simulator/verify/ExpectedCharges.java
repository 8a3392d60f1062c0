package io.gyro.simulator.verify;

import io.gyro.simulator.SubscriberRange;

import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * What every subscriber of the range should have been charged, as the simulator saw it: at the end of each session,
 * the session's cost ({@code ceil(total accepted usage / quantum) x price} for its rating group) is added to its
 * subscriber. Shared by every event loop; written once per session, so atomics cost nothing measurable.
 */
public final class ExpectedCharges
{
    private static final int TOUCHED = 1;
    private static final int UNCERTAIN = 2;

    private final SubscriberRange range;
    private final AtomicLongArray costMinor;
    private final AtomicIntegerArray flags;
    // Sessions begun and sessions the server opened: without them a run whose every CCR-I was refused would leave
    // every balance as it was and look exactly like a verified run (audit C7). LongAdder: bumped by every event loop.
    private final LongAdder sessionsStarted = new LongAdder();
    private final LongAdder sessionsOpened = new LongAdder();

    /**
     * @param range the subscribers a run draws from.
     */
    public ExpectedCharges(final SubscriberRange range)
    {
        this.range = range;
        this.costMinor = new AtomicLongArray(range.count());
        this.flags = new AtomicIntegerArray(range.count());
    }

    /** @return the range. */
    public SubscriberRange range()
    {
        return range;
    }

    private void set(final int index, final int flag)
    {
        int current = flags.get(index);
        while ((current & flag) != flag && !flags.compareAndSet(index, current, current | flag))
        {
            current = flags.get(index);
        }
    }

    /**
     * A session for this subscriber began (call once per session): its balance is compared with what the run charged
     * it, and the session counts towards {@link #sessionsStarted()}.
     *
     * @param index subscriber index in the range.
     */
    public void touch(final int index)
    {
        set(index, TOUCHED);
        sessionsStarted.increment();
    }

    /**
     * The server accepted a session's opening request (CCR-I or CCR-E answered 2001, or an Access-Accept): from here
     * on the session can move money. Call at most once per session, after {@link #touch(int)}.
     */
    public void opened()
    {
        sessionsOpened.increment();
    }

    /** @return sessions begun, whatever their outcome. */
    public long sessionsStarted()
    {
        return sessionsStarted.sum();
    }

    /** @return sessions whose opening request the server accepted. */
    public long sessionsOpened()
    {
        return sessionsOpened.sum();
    }

    /**
     * @param index     subscriber index.
     * @param costMinor a finished session's cost.
     */
    public void charge(final int index, final long costMinor)
    {
        set(index, TOUCHED);
        if (0 != costMinor)
        {
            this.costMinor.addAndGet(index, costMinor);
        }
    }

    /**
     * A request of this subscriber had an unknown outcome (timeout, lost connection): a difference there is
     * explained, though it still fails the run.
     *
     * @param index subscriber index.
     */
    public void markUncertain(final int index)
    {
        set(index, TOUCHED | UNCERTAIN);
    }

    /**
     * @param index subscriber index.
     * @return true when a session began for it.
     */
    public boolean isTouched(final int index)
    {
        return (flags.get(index) & TOUCHED) != 0;
    }

    /**
     * @param index subscriber index.
     * @return true when one of its requests had an unknown outcome.
     */
    public boolean isUncertain(final int index)
    {
        return (flags.get(index) & UNCERTAIN) != 0;
    }

    /**
     * @param index subscriber index.
     * @return expected charge so far, minor units.
     */
    public long costMinor(final int index)
    {
        return costMinor.get(index);
    }

    /** @return subscribers touched. */
    public int touchedCount()
    {
        int count = 0;
        for (int i = 0; i < range.count(); i++)
        {
            if (isTouched(i))
            {
                count++;
            }
        }
        return count;
    }

    /** @return the sum of every expected charge, minor units. */
    public long totalCostMinor()
    {
        long total = 0;
        for (int i = 0; i < range.count(); i++)
        {
            total += costMinor.get(i);
        }
        return total;
    }
}
