package io.gyro.ledger.internal;

import java.util.HashMap;
import java.util.TreeSet;

/**
 * The recorded answers of one-time events (Diameter DIRECT_DEBITING and REFUND_ACCOUNT) by Session-Id, kept long
 * after the event's closed session is gone: RFC 4006 section 6.5 has clients buffer these requests and resend them
 * with the T flag minutes to hours later, and the server must find the duplicate so that no account is debited or
 * credited twice (RFC 6733 Appendix C). An entry holds only the key bytes, the request number and the compact
 * answer ({@code ResultCodec}), about 300 bytes on the heap for a 56-byte Session-Id (measured; ledger/README.md).
 * <p>
 * Entries leave in (expiry, insertion) order, by a journaled purge: at their expiry, or the oldest one when the
 * ledger records a new answer at capacity. The order is a function of the events alone, so replay and a restored
 * snapshot evict the same entries. One-time events are rarer than session commands, so allocating an entry per
 * event is accepted. Called only on the ledger thread.
 */
public final class EventAnswerStore
{
    private final HashMap<IdentityKey, Entry> byKey = new HashMap<>();
    private final TreeSet<Entry> byAge = new TreeSet<>((a, b) -> a.expiresAtMs != b.expiresAtMs ?
        Long.compare(a.expiresAtMs, b.expiresAtMs) : Long.compare(a.order, b.order));
    private final IdentityKey probe = new IdentityKey();
    private long nextOrder;

    /** A recorded answer. */
    public static final class Entry
    {
        final IdentityKey key;
        final long requestNumber;
        final byte[] answer;
        final long expiresAtMs;
        final long order;

        Entry(final IdentityKey key, final long requestNumber, final byte[] answer, final long expiresAtMs,
            final long order)
        {
            this.key = key;
            this.requestNumber = requestNumber;
            this.answer = answer;
            this.expiresAtMs = expiresAtMs;
            this.order = order;
        }

        /** @return the request number answered. */
        public long requestNumber()
        {
            return requestNumber;
        }

        /** @return the encoded answer (do not modify). */
        public byte[] answer()
        {
            return answer;
        }
    }

    /**
     * @param bytes  Session-Id bytes.
     * @param length length.
     * @return the entry or null.
     */
    public Entry find(final byte[] bytes, final int length)
    {
        return byKey.get(probe.wrap(0, bytes, length));
    }

    void put(
        final byte[] key, final int keyLength, final long requestNumber, final byte[] answer, final long expiresAtMs)
    {
        final IdentityKey copy = probe.wrap(0, key, keyLength).copy();
        final Entry entry = new Entry(copy, requestNumber, answer, expiresAtMs, nextOrder++);
        final Entry previous = byKey.put(copy, entry);
        if (previous != null)
        {
            byAge.remove(previous);
        }
        byAge.add(entry);
    }

    void purge(final long nowMs, final int evictOldest)
    {
        while (!byAge.isEmpty() && byAge.first().expiresAtMs <= nowMs)
        {
            byKey.remove(byAge.pollFirst().key);
        }
        for (int i = 0; i < evictOldest && !byAge.isEmpty(); i++)
        {
            byKey.remove(byAge.pollFirst().key);
        }
    }

    /**
     * @param nowMs time.
     * @return whether a purge at this time would forget an answer.
     */
    public boolean hasExpired(final long nowMs)
    {
        return !byAge.isEmpty() && byAge.first().expiresAtMs <= nowMs;
    }

    /** @return number of answers held. */
    public int size()
    {
        return byKey.size();
    }

    /** @return the entries, oldest first (the order a snapshot keeps). */
    Iterable<Entry> oldestFirst()
    {
        return byAge;
    }
}
