package io.gyro.ledger.internal;

import io.gyro.ledger.LedgerLimits;
import io.gyro.ledger.LedgerNotificationListener;
import io.gyro.ledger.SessionEndReason;

import java.util.Arrays;

/**
 * Notifications decided during a batch, held (as copies, the session may be gone by then) until the batch is in
 * the journal. Entries are reused; the queue only allocates when it grows. Only deciding adds here, so replay,
 * which applies events without deciding, can never notify. Called only on the ledger thread.
 */
public final class NotificationQueue
{
    static final int REAUTHORIZE = 1;
    static final int ABORT = 2;
    static final int EXPIRED = 3;

    private Entry[] entries = new Entry[16];
    private int size;

    static final class Entry
    {
        int kind;
        final byte[] key = new byte[LedgerLimits.MAX_SESSION_KEY_LENGTH];
        int keyLength;
        final byte[] context = new byte[LedgerLimits.MAX_SESSION_CONTEXT_LENGTH];
        int contextLength;
        final long[] ratingGroups = new long[LedgerLimits.MAX_RATING_GROUPS_PER_SESSION];
        int ratingGroupCount;
        SessionEndReason reason;
        long accountId;
    }

    private Entry next(final int kind, final Session s)
    {
        if (size == entries.length)
        {
            entries = Arrays.copyOf(entries, size * 2);
        }
        Entry e = entries[size];
        if (e == null)
        {
            e = new Entry();
            entries[size] = e;
        }
        size++;
        e.kind = kind;
        System.arraycopy(s.key, 0, e.key, 0, s.keyLength);
        e.keyLength = s.keyLength;
        System.arraycopy(s.context, 0, e.context, 0, s.contextLength);
        e.contextLength = s.contextLength;
        e.ratingGroupCount = 0;
        e.reason = null;
        e.accountId = s.accountIndex;
        return e;
    }

    void reauthorize(final Session s)
    {
        final Entry e = next(REAUTHORIZE, s);
        for (int i = 0; i < s.reservationCount; i++)
        {
            if (s.reservations[i].starved)
            {
                e.ratingGroups[e.ratingGroupCount++] = s.reservations[i].ratingGroup;
            }
        }
    }

    void abort(final Session s, final SessionEndReason reason)
    {
        next(ABORT, s).reason = reason;
    }

    void expired(final Session s)
    {
        next(EXPIRED, s);
    }

    /**
     * @return pending notifications.
     */
    public int size()
    {
        return size;
    }

    /**
     * Hand every pending notification to the listener and empty the queue.
     *
     * @param listener receiver.
     */
    public void deliver(final LedgerNotificationListener listener)
    {
        for (int i = 0; i < size; i++)
        {
            final Entry e = entries[i];
            switch (e.kind)
            {
                case REAUTHORIZE:
                    listener.reauthorize(e.key, e.keyLength, e.context, e.contextLength, e.ratingGroups,
                        e.ratingGroupCount);
                    break;
                case ABORT:
                    listener.abortSession(e.key, e.keyLength, e.context, e.contextLength, e.reason);
                    break;
                default:
                    listener.sessionExpired(e.key, e.keyLength, e.context, e.contextLength, e.accountId);
                    break;
            }
        }
        size = 0;
    }
}
