package io.gyro.ledger.internal;

import java.util.HashMap;
import java.util.PriorityQueue;

/**
 * Idempotency keys of top-ups and refunds, forgotten after their retention. Admin path: allocation is fine.
 * Called only on the ledger thread.
 */
public final class IdempotencyStore
{
    private final HashMap<IdentityKey, Entry> byKey = new HashMap<>();
    private final PriorityQueue<Entry> byExpiry = new PriorityQueue<>((a, b) -> Long.compare(a.expiresAtMs, b.expiresAtMs));
    private final IdentityKey probe = new IdentityKey();

    /** A recorded key. */
    public static final class Entry
    {
        final IdentityKey key;
        final int accountIndex;
        final long amountMinor;
        final long expiresAtMs;

        Entry(final IdentityKey key, final int accountIndex, final long amountMinor, final long expiresAtMs)
        {
            this.key = key;
            this.accountIndex = accountIndex;
            this.amountMinor = amountMinor;
            this.expiresAtMs = expiresAtMs;
        }
    }

    /**
     * @param bytes  key bytes.
     * @param length length.
     * @return entry or null.
     */
    public Entry find(final byte[] bytes, final int length)
    {
        return byKey.get(probe.wrap(0, bytes, length));
    }

    void put(final byte[] bytes, final int length, final int accountIndex, final long amountMinor, final long expiresAtMs)
    {
        final IdentityKey key = probe.wrap(0, bytes, length).copy();
        final Entry entry = new Entry(key, accountIndex, amountMinor, expiresAtMs);
        final Entry previous = byKey.put(key, entry);
        if (previous != null)
        {
            byExpiry.remove(previous);
        }
        byExpiry.add(entry);
    }

    void purge(final long nowMs)
    {
        while (!byExpiry.isEmpty() && byExpiry.peek().expiresAtMs <= nowMs)
        {
            byKey.remove(byExpiry.poll().key);
        }
    }

    /**
     * @param nowMs time.
     * @return whether a purge at this time would forget a key.
     */
    public boolean hasExpired(final long nowMs)
    {
        return !byExpiry.isEmpty() && byExpiry.peek().expiresAtMs <= nowMs;
    }

    /**
     * @return number of keys.
     */
    public int size()
    {
        return byKey.size();
    }

    /**
     * @return the entries (unordered).
     */
    public Iterable<Entry> entries()
    {
        return byKey.values();
    }
}
