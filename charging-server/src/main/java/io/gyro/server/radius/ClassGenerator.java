package io.gyro.server.radius;

import io.netty.buffer.ByteBuf;

import java.security.SecureRandom;

/**
 * Class (25) values that name an Access-Accept reservation (RFC 2865 §5.25: the NAS returns Class unchanged in
 * its accounting). Printable, fixed length, unique across restarts: {@code "GYRO"}, 16 hex digits of a random
 * instance number drawn at start, 8 hex digits of a sequence. A restart never reuses a value that the ledger
 * may still remember. Not thread safe: one per lane.
 */
final class ClassGenerator
{
    /** Octets of a Class value made here. */
    static final int LENGTH = 28;
    private static final byte[] PREFIX = {'G', 'Y', 'R', 'O'};
    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final int INSTANCE_DIGITS = 16;
    private static final int SEQUENCE_DIGITS = 8;

    private final long instance;
    private int sequence;

    ClassGenerator()
    {
        this(new SecureRandom().nextLong());
    }

    ClassGenerator(final long instance)
    {
        this.instance = instance;
    }

    /**
     * Write the next value.
     *
     * @param destination at least {@link #LENGTH} octets from {@code offset}.
     * @param offset      where the value goes.
     */
    void next(final byte[] destination, final int offset)
    {
        System.arraycopy(PREFIX, 0, destination, offset, PREFIX.length);
        writeHex(destination, offset + PREFIX.length, instance, INSTANCE_DIGITS);
        writeHex(destination, offset + PREFIX.length + INSTANCE_DIGITS, ++sequence & 0xFFFF_FFFFL, SEQUENCE_DIGITS);
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
