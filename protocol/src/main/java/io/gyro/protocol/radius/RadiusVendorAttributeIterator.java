package io.gyro.protocol.radius;

import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;

/**
 * Reusable, allocation-free walk over the sub-attributes of one Vendor-Specific (26) attribute
 * (RFC 2865 §5.26), in the layout given by a {@link RadiusVendorFormat}:
 * <pre>
 * 26 | Length | Vendor-Id (4) | Vendor-Type (t) | Vendor-Length (l) | [C (1)] | Value | Vendor-Type ...
 * </pre>
 * Bounds are checked against the Vendor-Specific attribute, so a bad sub-attribute Length stops the walk
 * with {@link #isMalformed()} instead of reading into the next attribute. RFC 2865 §5.26 says a VSA that cannot be
 * interpreted MUST be ignored, so callers skip it rather than reject the packet. Not thread safe.
 */
public final class RadiusVendorAttributeIterator
{
    private ByteBuf buffer;
    private RadiusVendorFormat format = RadiusVendorFormat.STANDARD;
    private int vendorId = -1;
    private int cursor;
    private int end;
    private int subAttributeOffset = -1;
    private int vendorType;
    private int subAttributeLength;
    private boolean continued;
    private boolean malformed;

    /**
     * Starts on the Vendor-Specific attribute the outer iterator is positioned on, using the built-in format of its
     * vendor ({@link RadiusVendorFormat#forVendor(int)}).
     *
     * @param attribute an iterator positioned on a Vendor-Specific attribute.
     * @return this iterator; {@link #next()} returns false at once if the attribute is not a readable VSA.
     */
    public RadiusVendorAttributeIterator reset(final RadiusAttributeIterator attribute)
    {
        return reset(attribute, RadiusVendorFormat.forVendor(attribute.vendorId()));
    }

    /**
     * Starts on the Vendor-Specific attribute the outer iterator is positioned on, with an explicit format
     * (for example from {@link RadiusDictionary#vendorFormat(int)}).
     *
     * @param attribute an iterator positioned on a Vendor-Specific attribute.
     * @param format    the sub-attribute layout.
     * @return this iterator.
     */
    public RadiusVendorAttributeIterator reset(final RadiusAttributeIterator attribute, final RadiusVendorFormat format)
    {
        if (!attribute.isVendorSpecific())
        {
            this.buffer = attribute.buffer();
            this.format = format;
            this.vendorId = -1;
            this.cursor = 0;
            this.end = 0;
            this.subAttributeOffset = -1;
            this.malformed = true;
            return this;
        }
        return reset(attribute.buffer(), attribute.valueOffset(), attribute.valueLength(), format);
    }

    /**
     * Starts on a Vendor-Specific value held anywhere in a buffer.
     *
     * @param buffer      the buffer.
     * @param valueOffset absolute index of the Vendor-Id (the VSA value).
     * @param valueLength octets of the VSA value, Vendor-Id included.
     * @param format      the sub-attribute layout.
     * @return this iterator.
     */
    public RadiusVendorAttributeIterator reset(
        final ByteBuf buffer, final int valueOffset, final int valueLength, final RadiusVendorFormat format)
    {
        this.buffer = buffer;
        this.format = format;
        this.subAttributeOffset = -1;
        this.vendorType = 0;
        this.subAttributeLength = 0;
        this.continued = false;
        if (valueLength < RadiusPacketDescriptor.VENDOR_ID_LENGTH)
        {
            this.vendorId = -1;
            this.cursor = valueOffset;
            this.end = valueOffset;
            this.malformed = true;
            return this;
        }
        this.vendorId = buffer.getInt(valueOffset);
        this.cursor = valueOffset + RadiusPacketDescriptor.VENDOR_ID_LENGTH;
        this.end = valueOffset + valueLength;
        this.malformed = false;
        return this;
    }

    /**
     * Advances to the next sub-attribute.
     *
     * @return true when positioned on a sub-attribute; false at the end or when malformed.
     */
    public boolean next()
    {
        if (cursor >= end)
        {
            return false;
        }
        final int headerLength = format.headerLength();
        if (end - cursor < headerLength)
        {
            return stopMalformed();
        }
        final int typeLength = format.typeLength();
        final int lengthLength = format.lengthLength();
        final int type;
        switch (typeLength)
        {
            case 1: type = buffer.getUnsignedByte(cursor); break;
            case 2: type = buffer.getUnsignedShort(cursor); break;
            default: type = buffer.getInt(cursor); break;
        }
        final int length;
        switch (lengthLength)
        {
            case 0: length = end - cursor; break;
            case 1: length = buffer.getUnsignedByte(cursor + typeLength); break;
            default: length = buffer.getUnsignedShort(cursor + typeLength); break;
        }
        if (length < headerLength || length > end - cursor)
        {
            return stopMalformed();
        }
        continued = format.hasContinuation() &&
            0 != (buffer.getUnsignedByte(cursor + typeLength + lengthLength) & RadiusVendorFormat.WIMAX_CONTINUATION_BIT);
        subAttributeOffset = cursor;
        vendorType = type;
        subAttributeLength = length;
        cursor += length;
        return true;
    }

    private boolean stopMalformed()
    {
        malformed = true;
        cursor = end;
        subAttributeOffset = -1;
        return false;
    }

    /**
     * Whether the walk stopped on a sub-attribute with a bad length (or the VSA had no Vendor-Id).
     *
     * @return true when the VSA cannot be read completely.
     */
    public boolean isMalformed()
    {
        return malformed;
    }

    /**
     * The format used for this walk.
     *
     * @return the sub-attribute layout.
     */
    public RadiusVendorFormat format()
    {
        return format;
    }

    /**
     * The Vendor-Id of the VSA.
     *
     * @return the enterprise number, or -1 when the VSA is too short to have one.
     */
    public int vendorId()
    {
        return vendorId;
    }

    /**
     * Vendor-Type of the current sub-attribute.
     *
     * @return the type, up to 255 (1-octet) or 65535 (2-octet).
     */
    public int vendorType()
    {
        return vendorType;
    }

    /**
     * Absolute index of the current sub-attribute header.
     *
     * @return buffer index, or -1 when not positioned.
     */
    public int subAttributeOffset()
    {
        return subAttributeOffset;
    }

    /**
     * Absolute index of the current sub-attribute's first value octet.
     *
     * @return buffer index.
     */
    public int valueOffset()
    {
        return subAttributeOffset + format.headerLength();
    }

    /**
     * Octets in the current sub-attribute value.
     *
     * @return value length.
     */
    public int valueLength()
    {
        return subAttributeLength - format.headerLength();
    }

    /**
     * WiMAX only: whether the continuation bit is set, i.e. the next sub-attribute of the same type
     * carries the rest of this value.
     *
     * @return true when the value continues.
     */
    public boolean hasContinuation()
    {
        return continued;
    }

    /**
     * Whether the value is exactly four octets.
     *
     * @return true when {@link #intValue()} reads a real value.
     */
    public boolean hasIntValue()
    {
        return RadiusPacketDescriptor.INTEGER_VALUE_LENGTH == valueLength();
    }

    /**
     * The value as a 32-bit big-endian number.
     *
     * @return the value, or 0 when it is not four octets.
     */
    public int intValue()
    {
        return hasIntValue() ? buffer.getInt(valueOffset()) : 0;
    }

    /**
     * The value as an unsigned 32-bit number (quotas, counters).
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
     * @return octets copied, or -1 when the value does not fit.
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
     * The value as UTF-8 text. Allocates: off the hot path only.
     *
     * @return the decoded string.
     */
    public String stringValue()
    {
        return buffer.toString(valueOffset(), valueLength(), StandardCharsets.UTF_8);
    }
}
