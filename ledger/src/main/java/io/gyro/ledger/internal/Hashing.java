package io.gyro.ledger.internal;

import org.agrona.DirectBuffer;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** 64-bit hashing of keys and state for maps and {@code stateHash()}; allocation-free. */
public final class Hashing
{
    /** Golden-ratio increment (SplitMix64). */
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    /** Reads 8 bytes of a byte[] as one little-endian long (a JIT intrinsic). */
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private Hashing()
    {
    }

    /**
     * SplitMix64 finaliser: a strong 64-bit mix.
     *
     * @param value input.
     * @return mixed value.
     */
    public static long mix(final long value)
    {
        long z = value + GOLDEN;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * Fold a value into a running hash (order-sensitive).
     *
     * @param hash  running hash.
     * @param value value.
     * @return new hash.
     */
    public static long combine(final long hash, final long value)
    {
        return mix(hash * 31 + value);
    }

    /** One cheap multiply-xorshift round per 8 bytes; the final {@link #mix} spreads the result. */
    private static long round(final long hash, final long word)
    {
        final long h = (hash ^ word) * GOLDEN;
        return h ^ (h >>> 29);
    }

    /**
     * Hash bytes of a heap array.
     *
     * @param bytes  array.
     * @param offset start.
     * @param length length.
     * @return 64-bit hash.
     */
    public static long hash(final byte[] bytes, final int offset, final int length)
    {
        long h = length;
        int i = 0;
        for (; i + 8 <= length; i += 8)
        {
            h = round(h, (long)LONGS.get(bytes, offset + i));
        }
        long tail = 0;
        for (int b = length - 1; b >= i; b--)
        {
            tail = (tail << 8) | (bytes[offset + b] & 0xFF);
        }
        return mix(h ^ tail ^ ((long)(length - i) << 56));
    }

    /**
     * Hash bytes of a buffer; equal to {@link #hash(byte[], int, int)} over the same bytes.
     *
     * @param buffer buffer.
     * @param offset start.
     * @param length length.
     * @return 64-bit hash.
     */
    public static long hash(final DirectBuffer buffer, final int offset, final int length)
    {
        long h = length;
        int i = 0;
        for (; i + 8 <= length; i += 8)
        {
            h = round(h, buffer.getLong(offset + i, java.nio.ByteOrder.LITTLE_ENDIAN));
        }
        long tail = 0;
        for (int b = length - 1; b >= i; b--)
        {
            tail = (tail << 8) | (buffer.getByte(offset + b) & 0xFF);
        }
        return mix(h ^ tail ^ ((long)(length - i) << 56));
    }
}
