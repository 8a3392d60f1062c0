package io.gyro.server.radius;

import io.netty.buffer.ByteBuf;

import java.security.SecureRandom;

/**
 * Class (25) values that name an Access-Accept reservation (RFC 2865 §5.25: the NAS returns Class unchanged in
 * its accounting). Printable, fixed length, unique across restarts: {@code "GYRO"}, 8 hex digits of the issue time
 * (seconds since the epoch, UTC), 8 hex digits of a random instance number drawn at start, 8 hex digits of a
 * sequence. A restart never reuses a value that the ledger may still remember. The issue time is part of the value
 * for uniqueness and for operators reading CDRs; it does not date the Accounting-Start that returns the Class (the
 * Start may leave long after the Accept), see {@link ClassSessionMemory}. Not thread safe: one per lane.
 */
final class ClassGenerator
{
    /** Octets of a Class value made here. */
    static final int LENGTH = 28;
    private static final byte[] PREFIX = {'G', 'Y', 'R', 'O'};
    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final int TIME_DIGITS = 8;
    private static final int INSTANCE_DIGITS = 8;
    private static final int SEQUENCE_DIGITS = 8;

    private final long instance;
    private int sequence;

    ClassGenerator()
    {
        this(new SecureRandom().nextInt());
    }

    ClassGenerator(final long instance)
    {
        this.instance = instance & 0xFFFF_FFFFL;
    }

    /**
     * Write the next value.
     *
     * @param destination at least {@link #LENGTH} octets from {@code offset}.
     * @param offset      where the value goes.
     * @param nowMs       the issue time.
     */
    void next(final byte[] destination, final int offset, final long nowMs)
    {
        System.arraycopy(PREFIX, 0, destination, offset, PREFIX.length);
        int position = offset + PREFIX.length;
        writeHex(destination, position, (nowMs / 1000) & 0xFFFF_FFFFL, TIME_DIGITS);
        position += TIME_DIGITS;
        writeHex(destination, position, instance, INSTANCE_DIGITS);
        position += INSTANCE_DIGITS;
        writeHex(destination, position, ++sequence & 0xFFFF_FFFFL, SEQUENCE_DIGITS);
    }

    /**
     * @param packet buffer holding a Class value.
     * @param offset absolute index of the value.
     * @param length its length.
     * @return true when the value has this generator's shape (made by some Gyro instance).
     */
    static boolean isGyroClass(final ByteBuf packet, final int offset, final int length)
    {
        if (LENGTH != length)
        {
            return false;
        }
        for (int i = 0; i < PREFIX.length; i++)
        {
            if (packet.getByte(offset + i) != PREFIX[i])
            {
                return false;
            }
        }
        return true;
    }

    private static void writeHex(final byte[] destination, final int offset, final long value, final int digits)
    {
        for (int i = 0; i < digits; i++)
        {
            destination[offset + i] = HEX[(int)(value >>> (4 * (digits - 1 - i))) & 0xF];
        }
    }
}
