package io.gyro.protocol.radius;

import io.netty.buffer.ByteBuf;

/**
 * Structural check of a received RADIUS packet: header, Length and the attribute chain (RFC 2865 §3, §5).
 * Never throws and never reads outside {@code [offset, offset + available)}. Octets beyond the packet's Length
 * are padding and ignored (RFC 2865 §3). Authenticators are checked separately by {@link RadiusAuthenticators},
 * because they need the client's shared secret.
 * <p>
 * Checks in order: header present, Code known, Length within 20..4096, Length not beyond the received octets,
 * then every attribute Length (0 or 1 is invalid) and that no attribute runs past Length. Vendor-Specific
 * contents are not judged here: RFC 2865 §5.26 says a receiver that cannot interpret a VSA ignores it.
 * Stateless; safe from any thread.
 */
public final class RadiusPacketValidator
{
    private RadiusPacketValidator()
    {
    }

    /**
     * Validates the readable bytes of {@code buffer} (a datagram's content).
     *
     * @param buffer the received octets from {@code readerIndex} to {@code writerIndex}.
     * @return {@link RadiusValidationResult#OK} or the first problem found.
     */
    public static RadiusValidationResult validate(final ByteBuf buffer)
    {
        return validate(buffer, buffer.readerIndex(), buffer.readableBytes());
    }

    /**
     * Validates the packet at {@code offset}.
     *
     * @param buffer    buffer holding the packet.
     * @param offset    absolute index of the Code octet.
     * @param available octets received from {@code offset} (the datagram size); may exceed Length (padding). Claiming
     *                  more octets than the buffer's {@code writerIndex} holds is reported as truncation.
     * @return {@link RadiusValidationResult#OK} or the first problem found.
     */
    public static RadiusValidationResult validate(final ByteBuf buffer, final int offset, final int available)
    {
        if (offset < 0 || available < RadiusPacketDescriptor.HEADER_LENGTH || offset > buffer.writerIndex() - available)
        {
            return RadiusValidationResult.TRUNCATED;
        }
        if (!RadiusCode.isKnown(buffer.getUnsignedByte(offset + RadiusPacketDescriptor.CODE_OFFSET)))
        {
            return RadiusValidationResult.UNKNOWN_CODE;
        }
        final int length = buffer.getUnsignedShort(offset + RadiusPacketDescriptor.LENGTH_OFFSET);
        if (length < RadiusPacketDescriptor.MIN_PACKET_LENGTH)
        {
            return RadiusValidationResult.LENGTH_TOO_SMALL;
        }
        if (length > RadiusPacketDescriptor.MAX_PACKET_LENGTH)
        {
            return RadiusValidationResult.LENGTH_OVER_MAX;
        }
        if (length > available)
        {
            return RadiusValidationResult.TRUNCATED;
        }

        final int end = offset + length;
        int cursor = offset + RadiusPacketDescriptor.HEADER_LENGTH;
        while (cursor < end)
        {
            if (end - cursor < RadiusPacketDescriptor.ATTRIBUTE_HEADER_LENGTH)
            {
                return RadiusValidationResult.ATTRIBUTE_OVERRUN;
            }
            final int attributeLength = buffer.getUnsignedByte(cursor + 1);
            if (attributeLength < RadiusPacketDescriptor.MIN_ATTRIBUTE_LENGTH)
            {
                return RadiusValidationResult.ATTRIBUTE_LENGTH_INVALID;
            }
            if (attributeLength > end - cursor)
            {
                return RadiusValidationResult.ATTRIBUTE_OVERRUN;
            }
            cursor += attributeLength;
        }
        return RadiusValidationResult.OK;
    }
}
