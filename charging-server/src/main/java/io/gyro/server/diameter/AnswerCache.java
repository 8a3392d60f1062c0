package io.gyro.server.diameter;

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
     * Remember an answer.
     *
     * @param key    from {@link #key(long, int)}.
     * @param answer buffer holding the answer.
     * @param offset of the answer.
     * @param length of the answer.
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
     * Find a recorded answer and write it, with the retransmission's own Hop-by-Hop Identifier (§6.2: only
     * Hop-by-Hop and routing AVPs may differ).
     *
     * @param key        from {@link #key(long, int)}.
     * @param hopByHopId of the retransmitted request.
     * @param out        buffer to write the answer into.
     * @param nowMs      current time.
     * @return true when an answer within the window was written.
     */
    boolean writeRecorded(final long key, final int hopByHopId, final ByteBuf out, final long nowMs)
    {
        final long slot = index.get(key);
        if (slot < 0)
        {
            return false;
        }
        final int i = (int)slot;
        if (nowMs - storedAtMs[i] > windowMs)
        {
            index.remove(key);
            return false;
        }
        final int start = out.writerIndex();
        out.writeBytes(answers[i], 0, lengths[i]);
        out.setInt(start + io.gyro.protocol.diameter.DiameterHeaderDescriptor.HOP_BY_HOP_OFFSET, hopByHopId);
        return true;
    }
}
