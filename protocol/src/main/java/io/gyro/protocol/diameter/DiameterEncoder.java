package io.gyro.protocol.diameter;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;

import static io.gyro.protocol.diameter.AvpDescriptor.*;


/**
 * Writes a Diameter message straight into a (pooled) {@link ByteBuf}: the header first with a zero length, then
 * AVPs, then {@link #finish()} back-patches the Message Length. Grouped AVPs are opened with
 * {@link #beginGroup(int, int, int)} and closed with {@link #endGroup()}, which back-patches the group's length
 * the same way (the idea of Aeron's tryClaim, encode, commit).
 * <p>
 * The V bit is derived from the vendor argument: pass 0 for IETF AVPs. Flags arguments carry the M and P bits
 * ({@link AvpDescriptor#FLAG_MANDATORY}). Padding is written as zeros (RFC 6733 §4.1). Never allocates.
 * Not thread safe; one instance per event loop.
 */
public final class DiameterEncoder
{
    /** Deepest Grouped nesting this encoder writes; Gy answers nest four levels at most (MSCC, FUI, ...). */
    public static final int MAX_GROUP_DEPTH = 16;

    private final int[] groupStarts = new int[MAX_GROUP_DEPTH];
    private int depth;
    private ByteBuf buffer;
    private int messageStart;

    /**
     * Start encoding at the buffer's writer index.
     *
     * @param buffer to write into; it grows as needed.
     * @return this for chaining.
     */
    public DiameterEncoder wrap(final ByteBuf buffer)
    {
        this.buffer = buffer;
        this.messageStart = buffer.writerIndex();
        this.depth = 0;
        return this;
    }

    /** @return the buffer being written. */
    public ByteBuf buffer()
    {
        return buffer;
    }

    /**
     * Write the 20-octet header with a placeholder length.
     *
     * @param commandFlags  R, P, E, T bits ({@link DiameterHeaderDescriptor#FLAG_REQUEST} ...).
     * @param commandCode   24-bit Command Code.
     * @param applicationId Application-ID.
     * @param hopByHopId    Hop-by-Hop Identifier.
     * @param endToEndId    End-to-End Identifier.
     * @return this for chaining.
     */
    public DiameterEncoder header(
        final int commandFlags,
        final int commandCode,
        final long applicationId,
        final int hopByHopId,
        final int endToEndId)
    {
        messageStart = buffer.writerIndex();
        buffer.writeInt(DiameterHeaderDescriptor.VERSION << 24);
        buffer.writeInt(((commandFlags & 0xFF) << 24) | (commandCode & 0xFF_FFFF));
        buffer.writeInt((int)applicationId);
        buffer.writeInt(hopByHopId);
        buffer.writeInt(endToEndId);
        return this;
    }

    private void avpHeader(final int code, final int flags, final int vendorId, final int dataLength)
    {
        final int headerLength = headerLength(vendorId);
        final int avpFlags = 0 == vendorId ? (flags & ~FLAG_VENDOR) : (flags | FLAG_VENDOR);
        buffer.writeInt(code);
        buffer.writeInt(((avpFlags & 0xFF) << 24) | (headerLength + dataLength));
        if (0 != vendorId)
        {
            buffer.writeInt(vendorId);
        }
    }

    private void pad(final int dataLength)
    {
        final int padding = paddedLength(dataLength) - dataLength;
        if (padding > 0)
        {
            buffer.writeZero(padding);
        }
    }

    /**
     * @param code     AVP Code.
     * @param flags    M and P bits.
     * @param vendorId 0 for IETF AVPs.
     * @param value    Unsigned32 value (the low 32 bits are written).
     * @return this for chaining.
     */
    public DiameterEncoder uint32(final int code, final int flags, final int vendorId, final long value)
    {
        avpHeader(code, flags, vendorId, 4);
        buffer.writeInt((int)value);
        return this;
    }

    /**
     * @param code     AVP Code.
     * @param flags    M and P bits.
     * @param vendorId 0 for IETF AVPs.
     * @param value    Integer32 or Enumerated value.
     * @return this for chaining.
     */
    public DiameterEncoder int32(final int code, final int flags, final int vendorId, final int value)
    {
        avpHeader(code, flags, vendorId, 4);
        buffer.writeInt(value);
        return this;
    }

    /**
     * @param code     AVP Code.
     * @param flags    M and P bits.
     * @param vendorId 0 for IETF AVPs.
     * @param value    Integer64 value, or Unsigned64 held in a long.
     * @return this for chaining.
     */
    public DiameterEncoder int64(final int code, final int flags, final int vendorId, final long value)
    {
        avpHeader(code, flags, vendorId, 8);
        buffer.writeLong(value);
        return this;
    }

    /**
     * @param code     AVP Code.
     * @param flags    M and P bits.
     * @param vendorId 0 for IETF AVPs.
     * @param value    Unsigned64 value held in a long.
     * @return this for chaining.
     */
    public DiameterEncoder uint64(final int code, final int flags, final int vendorId, final long value)
    {
        return int64(code, flags, vendorId, value);
    }

    /**
     * @param code     AVP Code.
     * @param flags    M and P bits.
     * @param vendorId 0 for IETF AVPs.
     * @param value    Float32 value.
     * @return this for chaining.
     */
    public DiameterEncoder float32(final int code, final int flags, final int vendorId, final float value)
    {
        avpHeader(code, flags, vendorId, 4);
        buffer.writeFloat(value);
        return this;
    }

    /**
     * @param code     AVP Code.
     * @param flags    M and P bits.
     * @param vendorId 0 for IETF AVPs.
     * @param value    Float64 value.
     * @return this for chaining.
     */
    public DiameterEncoder float64(final int code, final int flags, final int vendorId, final double value)
    {
        avpHeader(code, flags, vendorId, 8);
        buffer.writeDouble(value);
        return this;
    }

    /**
     * @param code        AVP Code.
     * @param flags       M and P bits.
     * @param vendorId    0 for IETF AVPs.
     * @param unixSeconds Time value, written as NTP seconds (RFC 6733 §4.3.1, {@link DiameterTime}).
     * @return this for chaining.
     */
    public DiameterEncoder time(final int code, final int flags, final int vendorId, final long unixSeconds)
    {
        return uint32(code, flags, vendorId, DiameterTime.fromUnixSeconds(unixSeconds));
    }

    /**
     * OctetString (and the types derived from it) from an array.
     *
     * @param code     AVP Code.
     * @param flags    M and P bits.
     * @param vendorId 0 for IETF AVPs.
     * @param source   the data.
     * @param offset   of the data in {@code source}.
     * @param length   of the data.
     * @return this for chaining.
     */
    public DiameterEncoder octets(
        final int code, final int flags, final int vendorId, final byte[] source, final int offset, final int length)
    {
        avpHeader(code, flags, vendorId, length);
        buffer.writeBytes(source, offset, length);
        pad(length);
        return this;
    }

    /**
     * OctetString from a whole array.
     *
     * @param code     AVP Code.
     * @param flags    M and P bits.
     * @param vendorId 0 for IETF AVPs.
     * @param source   the data.
     * @return this for chaining.
     */
    public DiameterEncoder octets(final int code, final int flags, final int vendorId, final byte[] source)
    {
        return octets(code, flags, vendorId, source, 0, source.length);
    }

    /**
     * OctetString copied from another buffer (for example the request being answered).
     *
     * @param code     AVP Code.
     * @param flags    M and P bits.
     * @param vendorId 0 for IETF AVPs.
     * @param source   buffer holding the data.
     * @param index    of the data in {@code source}.
     * @param length   of the data.
     * @return this for chaining.
     */
    public DiameterEncoder octets(
        final int code, final int flags, final int vendorId, final ByteBuf source, final int index, final int length)
    {
        avpHeader(code, flags, vendorId, length);
        buffer.writeBytes(source, index, length);
        pad(length);
        return this;
    }

    /**
     * UTF8String, DiameterIdentity or DiameterURI from text, encoded without an intermediate array.
     *
     * @param code     AVP Code.
     * @param flags    M and P bits.
     * @param vendorId 0 for IETF AVPs.
     * @param text     the value.
     * @return this for chaining.
     */
    public DiameterEncoder utf8(final int code, final int flags, final int vendorId, final CharSequence text)
    {
        final int length = ByteBufUtil.utf8Bytes(text);
        avpHeader(code, flags, vendorId, length);
        ByteBufUtil.reserveAndWriteUtf8(buffer, text, length);
        pad(length);
        return this;
    }

    /**
     * Address from the raw bytes of an IPv4 (4 octets) or IPv6 (16 octets) address (RFC 6733 §4.3.1).
     *
     * @param code     AVP Code.
     * @param flags    M and P bits.
     * @param vendorId 0 for IETF AVPs.
     * @param address  4 or 16 octets.
     * @return this for chaining.
     */
    public DiameterEncoder address(final int code, final int flags, final int vendorId, final byte[] address)
    {
        final int family = 16 == address.length ? 2 : 1;
        avpHeader(code, flags, vendorId, 2 + address.length);
        buffer.writeShort(family);
        buffer.writeBytes(address);
        pad(2 + address.length);
        return this;
    }

    /**
     * Open a Grouped AVP; the AVPs written until the matching {@link #endGroup()} are its members.
     *
     * @param code     AVP Code.
     * @param flags    M and P bits.
     * @param vendorId 0 for IETF AVPs.
     * @return this for chaining.
     */
    public DiameterEncoder beginGroup(final int code, final int flags, final int vendorId)
    {
        if (depth == MAX_GROUP_DEPTH)
        {
            throw new IllegalStateException("Grouped AVPs nested deeper than " + MAX_GROUP_DEPTH);
        }
        groupStarts[depth++] = buffer.writerIndex();
        avpHeader(code, flags, vendorId, 0);
        return this;
    }

    /**
     * Close the innermost open Grouped AVP and back-patch its length (members' padding included, §4.4).
     *
     * @return this for chaining.
     */
    public DiameterEncoder endGroup()
    {
        final int start = groupStarts[--depth];
        buffer.setMedium(start + AvpDescriptor.LENGTH_OFFSET, buffer.writerIndex() - start);
        return this;
    }

    /**
     * Copy whole AVPs as they are (header, data and padding), for echoing Proxy-Info or building Failed-AVP.
     *
     * @param source holding the AVPs.
     * @param index  of the first AVP header.
     * @param length octets to copy; padded up to a multiple of four if short.
     * @return this for chaining.
     */
    public DiameterEncoder raw(final ByteBuf source, final int index, final int length)
    {
        buffer.writeBytes(source, index, length);
        pad(length);
        return this;
    }

    /**
     * Copy whole AVPs from an array.
     *
     * @param source holding the AVPs.
     * @param offset of the first AVP header.
     * @param length octets to copy; padded up to a multiple of four if short.
     * @return this for chaining.
     */
    public DiameterEncoder raw(final byte[] source, final int offset, final int length)
    {
        buffer.writeBytes(source, offset, length);
        pad(length);
        return this;
    }

    /**
     * Write an AVP header whose data the caller writes next (for example a zero-filled value in a Failed-AVP).
     *
     * @param code       AVP Code.
     * @param flags      the flags octet as it should appear, V bit included.
     * @param vendorId   written when the V bit is set in {@code flags}.
     * @param dataLength number of data octets announced and zero-filled, padding included.
     * @return this for chaining.
     */
    public DiameterEncoder zeroFilled(final int code, final int flags, final int vendorId, final int dataLength)
    {
        final boolean hasVendor = (flags & FLAG_VENDOR) != 0;
        final int headerLength = hasVendor ? VENDOR_HEADER_LENGTH : HEADER_LENGTH;
        buffer.writeInt(code);
        buffer.writeInt(((flags & 0xFF) << 24) | (headerLength + dataLength));
        if (hasVendor)
        {
            buffer.writeInt(vendorId);
        }
        buffer.writeZero(paddedLength(dataLength));
        return this;
    }

    /**
     * Back-patch the Message Length.
     *
     * @return the message length in octets.
     */
    public int finish()
    {
        if (0 != depth)
        {
            throw new IllegalStateException("unclosed Grouped AVPs: " + depth);
        }
        final int length = buffer.writerIndex() - messageStart;
        buffer.setMedium(messageStart + DiameterHeaderDescriptor.LENGTH_OFFSET, length);
        return length;
    }
}
