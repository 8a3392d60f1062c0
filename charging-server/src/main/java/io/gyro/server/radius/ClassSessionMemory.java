package io.gyro.server.radius;

import org.agrona.collections.LongHashSet;

/**
 * The accounting sessions this lane opened by adopting a Gyro Class reservation, or by reserving for a Start that
 * carried a Gyro Class: the last {@link #CAPACITY} session keys, as 64-bit hashes.
 * <p>
 * It replaces the Class's issue time as the guard against replayed Accounting-Starts that carry no Event-Timestamp.
 * The issue time says when the Access-Accept left, not when the Start did (a slow PPP/IPCP negotiation, or the IPv6
 * leg of a dual-stack subscriber echoing the same Class, starts well after the Accept), so dating a Start by it
 * refused genuine Starts. Identity does not: a Start whose Class no longer names an open reservation and whose
 * session key is remembered here repeats a Start that already opened its session, and must not open it a second
 * time once the ledger has forgotten the session (after {@code ledger.closed-session-retention}); a Start with a key
 * never seen is a new session (a late Start, a second leg) and is served.
 * <p>
 * Only Class-carrying Starts are remembered and checked: a Class is issued once, so its session key never comes
 * back for a new session, whereas a NAS may reuse a bare Acct-Session-Id after a reboot. Held on the heap, so a
 * restart forgets it (the journal does not hold it without a ledger change): after a restart, a replay of such a
 * Start without Event-Timestamp is recognised only while the ledger still holds the closed session. A hash
 * collision (about 2^-46 per Start with the table full) would record one genuine Start unrated.
 * Not thread safe: one per lane, used on its event loop.
 */
final class ClassSessionMemory
{
    /**
     * Session keys remembered: about 6 MiB of heap. At 100 Class sessions opened a second this covers 43 minutes,
     * at 10 a second seven hours; past the capacity the oldest are forgotten first.
     */
    static final int CAPACITY = 1 << 18;

    private final LongHashSet hashes = new LongHashSet(2 * CAPACITY);
    private final long[] ring = new long[CAPACITY];
    private int next;
    private int size;

    /**
     * @param key    a session key.
     * @param length its length.
     */
    void add(final byte[] key, final int length)
    {
        final long hash = hash(key, length);
        if (hashes.contains(hash))
        {
            return;
        }
        if (CAPACITY == size)
        {
            hashes.remove(ring[next]);
        }
        else
        {
            size++;
        }
        ring[next] = hash;
        next = (next + 1) & (CAPACITY - 1);
        hashes.add(hash);
    }

    /**
     * @param key    a session key.
     * @param length its length.
     * @return true when a session with this key was opened here by a Class-carrying Start (or adoption).
     */
    boolean contains(final byte[] key, final int length)
    {
        return hashes.contains(hash(key, length));
    }

    /** FNV-1a, then the MurmurHash3 finaliser so that keys differing only in their last octets spread. */
    static long hash(final byte[] key, final int length)
    {
        long hash = 0xcbf2_9ce4_8422_2325L;
        for (int i = 0; i < length; i++)
        {
            hash ^= key[i] & 0xFF;
            hash *= 0x0100_0000_01b3L;
        }
        hash ^= hash >>> 33;
        hash *= 0xff51_afd7_ed55_8ccdL;
        hash ^= hash >>> 33;
        hash *= 0xc4ce_b9fe_1a85_ec53L;
        hash ^= hash >>> 33;
        return hash;
    }
}
