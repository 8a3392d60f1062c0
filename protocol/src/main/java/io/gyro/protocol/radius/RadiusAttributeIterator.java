package io.gyro.protocol.radius;

import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;

/**
 * Reusable, allocation-free walk over RADIUS attributes {@code Type(1) | Length(1) | Value} (RFC 2865 §5).
 * <p>
 * The walk is bounds-checked: an attribute whose Length is 0 or 1 or which runs past the end stops the walk
 * and sets {@link #isMalformed()}, so it can be used on packets that were not validated without reading out of
 * range. Positions are absolute indices into the wrapped {@link ByteBuf}. Not thread safe; reuse one instance
 * per event loop.
 * <pre>
 * while (iterator.next())
 * {
 *     switch (iterator.type()) { case RadiusAttributeType.ACCT_STATUS_TYPE: ... iterator.intValue() ... }
 * }
 * </pre>
 */
public final class RadiusAttributeIterator
{
    private ByteBuf buffer;
    private int cursor;
    private int end;
    private int attributeOffset = -1;
    private int type;
    private int length;
    private boolean malformed;

    /**
     * Positions the iterator before the first attribute of {@code [attributesOffset, attributesEnd)}.
     *
     * @param buffer           the buffer holding the attributes.
     * @param attributesOffset absolute index of the first attribute.
     * @param attributesEnd    absolute index one past the last attribute octet (the packet's Length, never beyond).
     * @return this iterator.
     */
    public RadiusAttributeIterator reset(final ByteBuf buffer, final int attributesOffset, final int attributesEnd)
    {
        this.buffer = buffer;
        this.cursor = attributesOffset;
        this.end = Math.max(attributesOffset, attributesEnd);
        this.attributeOffset = -1;
        this.type = 0;
        this.length = 0;
        this.malformed = false;
        return this;
    }

    /**
     * Advances to the next attribute.
     *
     * @return true when positioned on an attribute; false at the end or on a malformed attribute.
     */
    public boolean next()
    {
        if (cursor >= end)
        {
            return false;
        }
        if (end - cursor < RadiusPacketDescriptor.ATTRIBUTE_HEADER_LENGTH)
        {
            return stopMalformed();
        }
        final int attributeLength = buffer.getUnsignedByte(cursor + 1);
        if (attributeLength < RadiusPacketDescriptor.MIN_ATTRIBUTE_LENGTH || attributeLength > end - cursor)
        {
            return stopMalformed();
        }
        attributeOffset = cursor;
        type = buffer.getUnsignedByte(cursor);
        length = attributeLength;
        cursor += attributeLength;
        return true;
    }

    private boolean stopMalformed()
    {
        malformed = true;
        cursor = end;
        attributeOffset = -1;
        return false;
    }

    /**
     * Whether the walk stopped early on an attribute with a bad Length.
     *
     * @return true when {@link #next()} returned false because of a malformed attribute.
     */
    public boolean isMalformed()
    {
        return malformed;
    }

    /**
     * The wrapped buffer.
     *
     * @return the buffer passed to {@link #reset(ByteBuf, int, int)}.
     */
    public ByteBuf buffer()
    {
        return buffer;
    }

    /**
     * Type of the current attribute.
     *
     * @return 0-255.
     */
    public int type()
    {
        return type;
    }

    /**
     * Length field of the current attribute (header included).
     *
     * @return 2-255.
     */
    public int length()
    {
        return length;
    }

    /**
     * Absolute index of the current attribute's Type octet.
     *
     * @return buffer index, or -1 when not positioned.
     */
    public int attributeOffset()
    {
        return attributeOffset;
    }

    /**
     * Absolute index of the current attribute's first value octet.
     *
     * @return buffer index.
     */
    public int valueOffset()
    {
        return attributeOffset + RadiusPacketDescriptor.ATTRIBUTE_HEADER_LENGTH;
    }

    /**
     * Octets in the current value.
     *
     * @return 0-253.
     */
    public int valueLength()
    {
        return length - RadiusPacketDescriptor.ATTRIBUTE_HEADER_LENGTH;
    }

    /**
     * Whether the value is exactly four octets, the size of integer, ipaddr and date values (RFC 2865 §5).
     *
     * @return true when {@link #intValue()} reads a real value.
     */
    public boolean hasIntValue()
    {
        return RadiusPacketDescriptor.INTEGER_VALUE_LENGTH == valueLength();
    }

    /**
     * The value as a 32-bit big-endian number (integer, ipaddr or date).
     *
     * @return the value, or 0 when the value is not four octets (check {@link #hasIntValue()}).
     */
    public int intValue()
    {
        return hasIntValue() ? buffer.getInt(valueOffset()) : 0;
    }

    /**
     * The value as an unsigned 32-bit number, for counters such as Acct-Input-Octets.
     *
     * @return 0 to 2^32-1, or 0 when the value is not four octets.
     */
    public long unsignedIntValue()
    {
        return Integer.toUnsignedLong(intValue());
    }

    /**
     * Copies the value into {@code destination}.
     *
     * @param destination       target array.
     * @param destinationOffset where the first octet goes.
     * @return octets copied, or -1 when the value does not fit (nothing is copied then).
     */
    public int copyValue(final byte[] destination, final int destinationOffset)
    {
        final int valueLength = valueLength();
        if (destinationOffset < 0 || destinationOffset > destination.length - valueLength)
        {
            return -1;
        }
        buffer.getBytes(valueOffset(), destination, destinationOffset, valueLength);
        return valueLength;
    }

    /**
     * Compares the value with {@code expected} (not constant time; use for identifiers, not secrets).
     *
     * @param expected       the octets to compare with.
     * @param expectedOffset first octet in {@code expected}.
     * @param expectedLength octets to compare.
     * @return true when the value has that length and content.
     */
    public boolean valueEquals(final byte[] expected, final int expectedOffset, final int expectedLength)
    {
        if (expectedLength != valueLength())
        {
            return false;
        }
        final int valueOffset = valueOffset();
        for (int i = 0; i < expectedLength; i++)
        {
            if (buffer.getByte(valueOffset + i) != expected[expectedOffset + i])
            {
                return false;
            }
        }
        return true;
    }

    /**
     * The value decoded as UTF-8 text (RFC 2865 §5 "text"). Allocates: for logs, tests and tools, not the hot path.
     *
     * @return the decoded string; malformed UTF-8 becomes U+FFFD.
     */
    public String stringValue()
    {
        return buffer.toString(valueOffset(), valueLength(), StandardCharsets.UTF_8);
    }

    /**
     * Whether the current attribute is a Vendor-Specific (26) long enough to hold a Vendor-Id.
     *
     * @return true when {@link #vendorId()} is meaningful.
     */
    public boolean isVendorSpecific()
    {
        return RadiusAttributeType.VENDOR_SPECIFIC == type && valueLength() >= RadiusPacketDescriptor.VENDOR_ID_LENGTH;
    }

    /**
     * The Vendor-Id of the current Vendor-Specific attribute (RFC 2865 §5.26).
     *
     * @return the enterprise number, or -1 when the attribute is not a readable Vendor-Specific.
     */
    public int vendorId()
    {
        return isVendorSpecific() ? buffer.getInt(valueOffset()) : -1;
    }
}
