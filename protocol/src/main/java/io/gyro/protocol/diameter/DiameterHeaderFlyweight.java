package io.gyro.protocol.diameter;

import io.netty.buffer.ByteBuf;

import static io.gyro.protocol.diameter.DiameterHeaderDescriptor.*;

/**
 * Zero-copy view of a Diameter message header (RFC 6733 §3); the layout is drawn in
 * {@link DiameterHeaderDescriptor}.
 * <p>
 * Reads straight from the wrapped buffer at fixed offsets and never allocates. The caller guarantees that
 * {@link DiameterHeaderDescriptor#HEADER_LENGTH} bytes are readable from the offset (the frame decoder does).
 * Not thread safe; one instance per event loop, re-wrapped for every message.
 */
public final class DiameterHeaderFlyweight
{
    private ByteBuf buffer;
    private int offset;

    /**
     * Points this flyweight at a message.
     *
     * @param buffer holding the message.
     * @param offset of the message's first octet in {@code buffer}.
     * @return this for chaining.
     */
    public DiameterHeaderFlyweight wrap(final ByteBuf buffer, final int offset)
    {
        this.buffer = buffer;
        this.offset = offset;
        return this;
    }

    /** @return the wrapped buffer. */
    public ByteBuf buffer()
    {
        return buffer;
    }

    /** @return the offset of the message in the wrapped buffer. */
    public int offset()
    {
        return offset;
    }

    /** @return the Version octet. */
    public int version()
    {
        return buffer.getUnsignedByte(offset + VERSION_OFFSET);
    }

    /** @return the Message Length, header included. */
    public int messageLength()
    {
        return buffer.getUnsignedMedium(offset + LENGTH_OFFSET);
    }

    /** @return the Command Flags octet. */
    public int flags()
    {
        return buffer.getUnsignedByte(offset + FLAGS_OFFSET);
    }

    /** @return true when the R bit is set. */
    public boolean isRequest()
    {
        return (flags() & FLAG_REQUEST) != 0;
    }

    /** @return true when the P bit is set. */
    public boolean isProxiable()
    {
        return (flags() & FLAG_PROXIABLE) != 0;
    }

    /** @return true when the E bit is set. */
    public boolean isError()
    {
        return (flags() & FLAG_ERROR) != 0;
    }

    /** @return true when the T bit is set. */
    public boolean isRetransmitted()
    {
        return (flags() & FLAG_RETRANSMITTED) != 0;
    }

    /** @return the 24-bit Command Code. */
    public int commandCode()
    {
        return buffer.getUnsignedMedium(offset + COMMAND_CODE_OFFSET);
    }

    /** @return the Application-ID as an unsigned value. */
    public long applicationId()
    {
        return buffer.getUnsignedInt(offset + APPLICATION_ID_OFFSET);
    }

    /** @return the Hop-by-Hop Identifier (an opaque 32-bit value). */
    public int hopByHopId()
    {
        return buffer.getInt(offset + HOP_BY_HOP_OFFSET);
    }

    /** @return the End-to-End Identifier (an opaque 32-bit value). */
    public int endToEndId()
    {
        return buffer.getInt(offset + END_TO_END_OFFSET);
    }

    /** @return offset just past the header, where the first AVP starts. */
    public int avpsOffset()
    {
        return offset + HEADER_LENGTH;
    }

    /** @return offset just past the message's last octet, as its Message Length says. */
    public int limit()
    {
        return offset + messageLength();
    }
}
