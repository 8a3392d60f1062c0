package io.gyro.protocol.radius;

import io.netty.buffer.ByteBuf;

/**
 * Zero-copy view of a RADIUS packet in a Netty {@link ByteBuf} (layout in {@link RadiusPacketDescriptor}).
 * <p>
 * Wrap a received datagram, run {@link RadiusPacketValidator} on it, and only then read it: header getters
 * assume at least the 20-octet header is present. Attribute walks are bounded by
 * {@code min(Length, available)} and never read past the received octets even on an unvalidated packet.
 * Nothing here allocates except {@link #appendTo(StringBuilder, RadiusDictionary)}. Not thread safe; reuse one
 * instance per event loop.
 */
public final class RadiusPacketFlyweight
{
    /** Returned by the 64-bit counter helpers when the Octets attribute is absent or not four octets long. */
    public static final long NO_COUNTER = -1L;

    private final RadiusAttributeIterator helperIterator = new RadiusAttributeIterator();
    private ByteBuf buffer;
    private int offset;
    private int available;

    /**
     * Wraps the readable bytes of {@code buffer}.
     *
     * @param buffer a datagram's content.
     * @return this flyweight.
     */
    public RadiusPacketFlyweight wrap(final ByteBuf buffer)
    {
        return wrap(buffer, buffer.readerIndex(), buffer.readableBytes());
    }

    /**
     * Wraps the packet at {@code offset}.
     *
     * @param buffer    buffer holding the packet.
     * @param offset    absolute index of the Code octet.
     * @param available octets received from {@code offset}; octets past the packet's Length are padding.
     * @return this flyweight.
     */
    public RadiusPacketFlyweight wrap(final ByteBuf buffer, final int offset, final int available)
    {
        this.buffer = buffer;
        this.offset = offset;
        this.available = available;
        return this;
    }

    /**
     * The wrapped buffer.
     *
     * @return the buffer.
     */
    public ByteBuf buffer()
    {
        return buffer;
    }

    /**
     * Absolute index of the Code octet.
     *
     * @return the packet offset in {@link #buffer()}.
     */
    public int offset()
    {
        return offset;
    }

    /**
     * Octets received from {@link #offset()}, padding included.
     *
     * @return the available octets.
     */
    public int available()
    {
        return available;
    }

    /**
     * Code, RFC 2865 §3 (see {@link RadiusCode}).
     *
     * @return 0-255.
     */
    public int code()
    {
        return buffer.getUnsignedByte(offset + RadiusPacketDescriptor.CODE_OFFSET);
    }

    /**
     * Identifier, used to match replies with requests (RFC 2865 §3).
     *
     * @return 0-255.
     */
    public int identifier()
    {
        return buffer.getUnsignedByte(offset + RadiusPacketDescriptor.IDENTIFIER_OFFSET);
    }

    /**
     * The Length field: header plus attributes.
     *
     * @return the declared length (valid packets: 20-4096).
     */
    public int length()
    {
        return buffer.getUnsignedShort(offset + RadiusPacketDescriptor.LENGTH_OFFSET);
    }

    /**
     * Absolute index of the Authenticator.
     *
     * @return buffer index.
     */
    public int authenticatorOffset()
    {
        return offset + RadiusPacketDescriptor.AUTHENTICATOR_OFFSET;
    }

    /**
     * Copies the 16-octet Authenticator, e.g. into a ring slot so a reply can be signed after the
     * request buffer was released.
     *
     * @param destination       target array with room for 16 octets.
     * @param destinationOffset where the first octet goes.
     */
    public void copyAuthenticator(final byte[] destination, final int destinationOffset)
    {
        RadiusBytes.copySmall(buffer, authenticatorOffset(), destination, destinationOffset, RadiusPacketDescriptor.AUTHENTICATOR_LENGTH);
    }

    /**
     * Constant-time comparison of the Authenticator, e.g. for duplicate detection (RFC 5080 §2.2.2).
     *
     * @param expected       16 octets to compare with.
     * @param expectedOffset first octet in {@code expected}.
     * @return true when equal.
     */
    public boolean authenticatorEquals(final byte[] expected, final int expectedOffset)
    {
        return RadiusBytes.constantTimeEquals(
            buffer, authenticatorOffset(), expected, expectedOffset, RadiusPacketDescriptor.AUTHENTICATOR_LENGTH);
    }

    /**
     * Absolute index of the first attribute.
     *
     * @return buffer index.
     */
    public int attributesOffset()
    {
        return offset + RadiusPacketDescriptor.HEADER_LENGTH;
    }

    /**
     * Absolute index one past the last attribute octet: the packet's Length, clipped to the received octets.
     *
     * @return buffer index.
     */
    public int attributesEnd()
    {
        return offset + Math.min(length(), available);
    }

    /**
     * Positions {@code iterator} before the first attribute of this packet.
     *
     * @param iterator a reusable iterator.
     * @return the iterator, for {@code while (packet.attributes(it).next())}-style use.
     */
    public RadiusAttributeIterator attributes(final RadiusAttributeIterator iterator)
    {
        return iterator.reset(buffer, attributesOffset(), attributesEnd());
    }

    /**
     * Positions {@code iterator} on the first attribute of {@code type}.
     *
     * @param type     attribute Type.
     * @param iterator a reusable iterator.
     * @return true when found; {@code iterator} is then positioned on it.
     */
    public boolean findFirst(final int type, final RadiusAttributeIterator iterator)
    {
        attributes(iterator);
        while (iterator.next())
        {
            if (iterator.type() == type)
            {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether an attribute of {@code type} is present.
     *
     * @param type attribute Type.
     * @return true when found.
     */
    public boolean hasAttribute(final int type)
    {
        return findFirst(type, helperIterator);
    }

    /**
     * Counts attributes of {@code type} (e.g. Proxy-State instances).
     *
     * @param type attribute Type.
     * @return the count.
     */
    public int countAttributes(final int type)
    {
        attributes(helperIterator);
        int count = 0;
        while (helperIterator.next())
        {
            if (helperIterator.type() == type)
            {
                count++;
            }
        }
        return count;
    }

    /**
     * The first 4-octet value of {@code type} as an unsigned number.
     *
     * @param type         attribute Type (integer, ipaddr or date).
     * @param defaultValue returned when absent or not four octets.
     * @return the value or {@code defaultValue}.
     */
    public long unsignedInt(final int type, final long defaultValue)
    {
        return findFirst(type, helperIterator) && helperIterator.hasIntValue() ? helperIterator.unsignedIntValue() : defaultValue;
    }

    /**
     * Joins a 32-bit octet counter and its Gigawords attribute into one 64-bit count:
     * {@code Gigawords * 2^32 + Octets} (RFC 2869 §5.1, §5.2). A missing Gigawords attribute counts as 0.
     *
     * @param octetsType    e.g. {@link RadiusAttributeType#ACCT_INPUT_OCTETS}.
     * @param gigawordsType e.g. {@link RadiusAttributeType#ACCT_INPUT_GIGAWORDS}.
     * @return the count (unsigned; at most 2^64-1), or {@link #NO_COUNTER} when the Octets attribute is absent or
     *     malformed. (Only the all-ones count 2^64-1 collides with {@link #NO_COUNTER}; no NAS reaches 16 EiB.)
     */
    public long counter64(final int octetsType, final int gigawordsType)
    {
        attributes(helperIterator);
        long octets = NO_COUNTER;
        long gigawords = 0;
        boolean gigawordsSeen = false;
        while (helperIterator.next())
        {
            final int type = helperIterator.type();
            if (type == octetsType && NO_COUNTER == octets)
            {
                if (!helperIterator.hasIntValue())
                {
                    return NO_COUNTER;
                }
                octets = helperIterator.unsignedIntValue();
            }
            else if (type == gigawordsType && !gigawordsSeen && helperIterator.hasIntValue())
            {
                gigawords = helperIterator.unsignedIntValue();
                gigawordsSeen = true;
            }
        }
        return NO_COUNTER == octets ? NO_COUNTER : (gigawords << 32) + octets;
    }

    /**
     * Acct-Input-Octets (42) joined with Acct-Input-Gigawords (52).
     *
     * @return octets received from the user, or {@link #NO_COUNTER}.
     */
    public long acctInputOctets64()
    {
        return counter64(RadiusAttributeType.ACCT_INPUT_OCTETS, RadiusAttributeType.ACCT_INPUT_GIGAWORDS);
    }

    /**
     * Acct-Output-Octets (43) joined with Acct-Output-Gigawords (53).
     *
     * @return octets sent to the user, or {@link #NO_COUNTER}.
     */
    public long acctOutputOctets64()
    {
        return counter64(RadiusAttributeType.ACCT_OUTPUT_OCTETS, RadiusAttributeType.ACCT_OUTPUT_GIGAWORDS);
    }

    /**
     * Copies every attribute of {@code type}, whole and in order, as raw TLVs. Used to keep Proxy-State (33)
     * for the reply after the request buffer is released (RFC 2865 §5.33); replay them with
     * {@link RadiusPacketEncoder#putRawAttributes(byte[], int, int)}.
     *
     * @param type              attribute Type.
     * @param destination       target array.
     * @param destinationOffset where the first octet goes.
     * @return octets copied (0 when none), or -1 when they do not fit (then nothing is copied).
     */
    public int copyAttributes(final int type, final byte[] destination, final int destinationOffset)
    {
        attributes(helperIterator);
        int total = 0;
        while (helperIterator.next())
        {
            if (helperIterator.type() == type)
            {
                total += helperIterator.length();
            }
        }
        if (destinationOffset < 0 || destinationOffset > destination.length - total)
        {
            return -1;
        }
        attributes(helperIterator);
        int position = destinationOffset;
        while (helperIterator.next())
        {
            if (helperIterator.type() == type)
            {
                buffer.getBytes(helperIterator.attributeOffset(), destination, position, helperIterator.length());
                position += helperIterator.length();
            }
        }
        return total;
    }

    /**
     * Appends a human-readable rendering (code name, id, length, every attribute by name with a typed value,
     * passwords as {@code <hidden>}, unknown attributes as hex). Allocates; for logs and trace mode.
     * Safe on malformed packets.
     *
     * @param builder    where to append.
     * @param dictionary names and types of attributes.
     * @return {@code builder}.
     */
    public StringBuilder appendTo(final StringBuilder builder, final RadiusDictionary dictionary)
    {
        return RadiusPacketFormatter.appendTo(builder, buffer, offset, available, dictionary);
    }
}
