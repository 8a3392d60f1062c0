package io.gyro.server.diameter;

import io.gyro.protocol.diameter.DiameterHeaderDescriptor;
import io.gyro.protocol.diameter.RequestEcho;
import io.netty.buffer.ByteBuf;
import org.agrona.collections.Long2LongHashMap;

/**
 * Recent answers by (Origin-Host, End-to-End Identifier), so that a retransmitted request, T flag or not, gets the
 * answer it was given (RFC 6733 §5.5.4, §6.2; PROTOCOLS.md §1.6) instead of being processed again.
 * <p>
 * Bounded: a ring of the last {@code capacity} answers, each kept at most {@code windowMs} (4 minutes by default,
 * the End-to-End uniqueness window). At rates where the ring turns over faster than the window, older
 * retransmissions fall through to the ledger, whose (Session-Id, CC-Request-Number) check still returns the
 * recorded result of the newest request and refuses older ones (5012): money is never charged twice either way.
 * Answers are stored in slots of {@link #SLOT_BYTES} that are reused; a longer answer gets its own array.
 * Not thread safe; one per lane.
 */
final class AnswerCache
{
    /** Room per slot; a one-MSCC CCA is about 200 octets. */
    static final int SLOT_BYTES = 512;

    private final Long2LongHashMap index = new Long2LongHashMap(-1);
    private final long[] keys;
    private final long[] storedAtMs;
    private final byte[][] answers;
    private final int[] lengths;
    private final long windowMs;
    private int next;

    AnswerCache(final int capacity, final long windowMs)
    {
        this.keys = new long[capacity];
        this.storedAtMs = new long[capacity];
        this.answers = new byte[capacity][];
        this.lengths = new int[capacity];
        this.windowMs = windowMs;
    }

    /**
     * @param originHostKey 64-bit hash of the request's Origin-Host.
     * @param endToEndId    the request's End-to-End Identifier.
     * @return the cache key.
     */
    static long key(final long originHostKey, final int endToEndId)
    {
        return originHostKey * 0x9E37_79B9_7F4A_7C15L + (endToEndId & 0xFFFF_FFFFL);
    }

    /**
     * Remember an answer without its trailing Proxy-Info AVPs, which a retransmission replaces with its own.
     *
     * @param key    from {@link #key(long, int)}.
     * @param answer buffer holding the answer.
     * @param offset of the answer.
     * @param length of the answer up to its Proxy-Info AVPs (they are its last AVPs).
     * @param nowMs  current time.
     */
    void put(final long key, final ByteBuf answer, final int offset, final int length, final long nowMs)
    {
        if (keys.length == 0)
        {
            return;
        }
        final int slot = next;
        next = (next + 1) % keys.length;
        if (null != answers[slot] && index.get(keys[slot]) == slot)
        {
            index.remove(keys[slot]);
        }
        byte[] bytes = answers[slot];
        if (null == bytes || bytes.length < length)
        {
            bytes = new byte[Math.max(SLOT_BYTES, length)];
            answers[slot] = bytes;
        }
        answer.getBytes(offset, bytes, 0, length);
        keys[slot] = key;
        storedAtMs[slot] = nowMs;
        lengths[slot] = length;
        index.put(key, slot);
    }

    /**
     * Find a recorded answer still within the window.
     *
     * @param key   from {@link #key(long, int)}.
     * @param nowMs current time.
     * @return its slot for {@link #writeRecorded}, or -1.
     */
    int find(final long key, final long nowMs)
    {
        final long slot = index.get(key);
        if (slot < 0)
        {
            return -1;
        }
        if (nowMs - storedAtMs[(int)slot] > windowMs)
        {
            index.remove(key);
            return -1;
        }
        return (int)slot;
    }

    /**
     * Write a recorded answer for a retransmission: its own Hop-by-Hop Identifier and its own Proxy-Info AVPs
     * appended (RFC 6733 §3: a duplicate gets the same answer "modulo the Hop-by-Hop Identifier field and any routing
     * AVPs"; §6.7 counts Proxy-Info among them, and §6.2 says an answer carries the request's Proxy-Infos in order).
     * An agent that resends after failover adds Proxy-State of its own and routes the answer by it.
     *
     * @param slot  from {@link #find}.
     * @param echo  what the retransmission's answer must echo.
     * @param out   buffer to write the answer into.
     */
    void writeRecorded(final int slot, final RequestEcho echo, final ByteBuf out)
    {
        final int start = out.writerIndex();
        out.writeBytes(answers[slot], 0, lengths[slot]);
        out.setInt(start + DiameterHeaderDescriptor.HOP_BY_HOP_OFFSET, echo.hopByHopId());
        final int proxyInfos = echo.writeProxyInfos(out);
        out.setMedium(start + DiameterHeaderDescriptor.LENGTH_OFFSET, lengths[slot] + proxyInfos);
    }
}
