package io.gyro.protocol.radius;

import io.netty.buffer.ByteBuf;

/**
 * Small byte helpers shared inside the package: constant-time comparison (authenticators must not leak
 * how many leading octets matched) and bounds arithmetic that never throws.
 */
final class RadiusBytes
{
    private RadiusBytes()
    {
    }

    /**
     * Compares {@code length} octets without an early exit.
     */
    static boolean constantTimeEquals(
        final ByteBuf buffer, final int index, final byte[] expected, final int expectedOffset, final int length)
    {
        int difference = 0;
        for (int i = 0; i < length; i++)
        {
            difference |= buffer.getByte(index + i) ^ expected[expectedOffset + i];
        }
        return 0 == difference;
    }

    /**
     * Whether {@code [offset, offset + length)} lies inside the buffer's written region, without overflow.
     */
    static boolean isReadable(final ByteBuf buffer, final int offset, final int length)
    {
        return offset >= 0 && length >= 0 && offset <= buffer.writerIndex() && length <= buffer.writerIndex() - offset;
    }

    /**
     * The declared Length of a packet at {@code offset} when it is legal (20..4096) and wholly written
     * into the buffer; otherwise -1. Used by code that must not trust callers to have validated.
     */
    static int checkedPacketLength(final ByteBuf packet, final int offset)
    {
        if (!isReadable(packet, offset, RadiusPacketDescriptor.HEADER_LENGTH))
        {
            return -1;
        }
        final int length = packet.getUnsignedShort(offset + RadiusPacketDescriptor.LENGTH_OFFSET);
        if (length < RadiusPacketDescriptor.MIN_PACKET_LENGTH || length > RadiusPacketDescriptor.MAX_PACKET_LENGTH ||
            !isReadable(packet, offset, length))
        {
            return -1;
        }
        return length;
    }

    /**
     * Copies a few octets (authenticators, passwords) with plain reads: {@code getBytes} on a direct buffer without
     * Unsafe allocates a {@code ByteBuffer} duplicate per call.
     */
    static void copySmall(final ByteBuf buffer, final int index, final byte[] destination, final int destinationOffset, final int length)
    {
        for (int i = 0; i < length; i++)
        {
            destination[destinationOffset + i] = buffer.getByte(index + i);
        }
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    static void appendHex(final StringBuilder out, final ByteBuf buffer, final int index, final int length)
    {
        for (int i = 0; i < length; i++)
        {
            final int b = buffer.getUnsignedByte(index + i);
            out.append(HEX[b >>> 4]).append(HEX[b & 0x0f]);
        }
    }
}
