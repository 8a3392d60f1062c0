package io.gyro.server.radius;

import io.gyro.protocol.radius.RadiusPacketDescriptor;
import io.netty.buffer.ByteBuf;
import org.agrona.collections.Long2LongHashMap;

import java.net.Inet4Address;
import java.net.InetAddress;

/**
 * RFC 5080 §2.2.2 duplicate detection: a request is a retransmission when it comes from the same source address
 * and port to the same socket with the same Identifier <em>and</em> the same Request Authenticator. A duplicate
 * of a request still being processed is dropped; a duplicate of an answered one gets the cached response again,
 * byte for byte; the same key with another authenticator is a new request and evicts the old entry.
 * <p>
 * Bounded: a ring of the last {@code capacity} requests, each answered from cache for at most {@code windowMs}.
 * When the ring turns over faster than the window, an older retransmission falls through to the ledger, which
 * keeps Start/Stop idempotent per session and charges a repeated interim nothing (cumulative counters), so money is
 * never charged twice either way. Response slots are reused arrays. Not thread safe; one per lane.
 */
final class RadiusDuplicateCache
{
    /** {@link #find}: nothing cached for this request. */
    static final int MISS = -1;
    /** {@link #find}: the same request is being processed now. */
    static final int IN_PROGRESS = -2;
    /** Room per response slot; an Access-Accept with quota and a few Proxy-States stays well below. */
    static final int SLOT_BYTES = 256;

    private static final int AUTHENTICATOR_LENGTH = RadiusPacketDescriptor.AUTHENTICATOR_LENGTH;
    private static final int EMPTY = -1;
    private static final int PENDING = -2;

    private final Long2LongHashMap index = new Long2LongHashMap(-1);
    private final long[] keys;
    private final long[] storedAtMs;
    private final byte[] authenticators;
    private final byte[][] responses;
    private final int[] lengths;
    private final long windowMs;
    private int next;

    RadiusDuplicateCache(final int capacity, final long windowMs)
    {
        this.keys = new long[capacity];
        this.storedAtMs = new long[capacity];
        this.authenticators = new byte[capacity * AUTHENTICATOR_LENGTH];
        this.responses = new byte[capacity][];
        this.lengths = new int[capacity];
        java.util.Arrays.fill(lengths, EMPTY);
        this.windowMs = windowMs;
    }

    /**
     * The source address as the 32 bits of the key: an IPv4 address itself; an IPv6 address mixed from all 128 bits.
     * {@code Inet6Address.hashCode()} adds the four 32-bit words, so addresses that differ by swapped words (such as
     * 2001:db8:0:1::2 and 2001:db8:0:2::1) would share a key, and each NAS's requests would evict the other's
     * entries, so retransmissions would be processed again.
     *
     * @param source the datagram's source address.
     * @return its hash.
     */
    static int addressHash(final InetAddress source)
    {
        if (source instanceof Inet4Address)
        {
            // Inet4Address.hashCode() is its address as an int: exact, and no copy of the octets.
            return source.hashCode();
        }
        final byte[] octets = source.getAddress();
        long hash = 0;
        for (final byte octet : octets)
        {
            hash = hash * 0x100000001B3L ^ (octet & 0xFF);
        }
        hash ^= hash >>> 33;
        hash *= 0xFF51AFD7ED558CCDL;
        hash ^= hash >>> 33;
        return (int)hash;
    }

    /**
     * The cache key of a request: which socket, the source address (its hash) and port, and the Identifier.
     *
     * @param socket        which listener (authentication or accounting).
     * @param addressHash   {@link #addressHash} of the source address.
     * @param port          source port.
     * @param identifier    the request's Identifier.
     * @return the key.
     */
    static long key(final int socket, final int addressHash, final int port, final int identifier)
    {
        return ((addressHash & 0xFFFF_FFFFL) << 32) | ((long)(port & 0xFFFF) << 16) | ((socket & 0xFF) << 8) |
            (identifier & 0xFF);
    }

    /**
     * Look a request up.
     *
     * @param key                 from {@link #key}.
     * @param packet              the request buffer.
     * @param authenticatorOffset absolute index of its Request Authenticator.
     * @param nowMs               current time.
     * @return a slot holding the response to resend, {@link #IN_PROGRESS}, or {@link #MISS}.
     */
    int find(final long key, final ByteBuf packet, final int authenticatorOffset, final long nowMs)
    {
        final long found = index.get(key);
        if (found < 0)
        {
            return MISS;
        }
        final int slot = (int)found;
        if (!sameAuthenticator(slot, packet, authenticatorOffset) ||
            (lengths[slot] >= 0 && nowMs - storedAtMs[slot] > windowMs))
        {
            // A new request reusing the Identifier, or an answer past the window: forget the old one.
            index.remove(key);
            lengths[slot] = EMPTY;
            return MISS;
        }
        return PENDING == lengths[slot] ? IN_PROGRESS : slot;
    }

    /**
     * Record that a request is being processed.
     *
     * @param key                 from {@link #key}.
     * @param packet              the request buffer.
     * @param authenticatorOffset absolute index of its Request Authenticator.
     * @param nowMs               current time.
     * @return the slot, for {@link #complete} or {@link #abandon}.
     */
    int begin(final long key, final ByteBuf packet, final int authenticatorOffset, final long nowMs)
    {
        final int slot = next;
        next = next + 1 == keys.length ? 0 : next + 1;
        if (EMPTY != lengths[slot] && index.get(keys[slot]) == slot)
        {
            index.remove(keys[slot]);
        }
        keys[slot] = key;
        storedAtMs[slot] = nowMs;
        lengths[slot] = PENDING;
        packet.getBytes(authenticatorOffset, authenticators, slot * AUTHENTICATOR_LENGTH, AUTHENTICATOR_LENGTH);
        index.put(key, slot);
        return slot;
    }

    /**
     * Store the response of a request recorded with {@link #begin}; ignored when its slot has been reused since.
     *
     * @param slot     from {@link #begin}.
     * @param key      the request's key.
     * @param response buffer holding the response.
     * @param offset   of the response.
     * @param length   of the response.
     * @param nowMs    current time.
     */
    void complete(final int slot, final long key, final ByteBuf response, final int offset, final int length,
        final long nowMs)
    {
        if (keys[slot] != key || PENDING != lengths[slot])
        {
            return;
        }
        byte[] bytes = responses[slot];
        if (null == bytes || bytes.length < length)
        {
            bytes = new byte[Math.max(SLOT_BYTES, length)];
            responses[slot] = bytes;
        }
        response.getBytes(offset, bytes, 0, length);
        lengths[slot] = length;
        storedAtMs[slot] = nowMs;
    }

    /**
     * Forget a request that got no response (shed): its retransmission must be processed.
     *
     * @param slot from {@link #begin}.
     * @param key  the request's key.
     */
    void abandon(final int slot, final long key)
    {
        if (keys[slot] == key && PENDING == lengths[slot])
        {
            lengths[slot] = EMPTY;
            if (index.get(key) == slot)
            {
                index.remove(key);
            }
        }
    }

    /**
     * Copy a cached response.
     *
     * @param slot a slot returned by {@link #find}.
     * @param out  where to write it.
     */
    void write(final int slot, final ByteBuf out)
    {
        out.writeBytes(responses[slot], 0, lengths[slot]);
    }

    private boolean sameAuthenticator(final int slot, final ByteBuf packet, final int authenticatorOffset)
    {
        final int base = slot * AUTHENTICATOR_LENGTH;
        for (int i = 0; i < AUTHENTICATOR_LENGTH; i++)
        {
            if (authenticators[base + i] != packet.getByte(authenticatorOffset + i))
            {
                return false;
            }
        }
        return true;
    }
}
