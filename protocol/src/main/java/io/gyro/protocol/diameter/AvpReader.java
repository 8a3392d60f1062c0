package io.gyro.protocol.diameter;

import io.netty.buffer.ByteBuf;
import org.agrona.UnsafeApi;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import static io.gyro.protocol.diameter.AvpDescriptor.*;

/**
 * Walks the AVPs of a message or of a Grouped AVP without allocating (RFC 6733 §4.1, §4.4).
 * <p>
 * Typical use:
 * <pre>{@code
 * reader.wrapMessage(buffer, offset);
 * while (reader.next())
 * {
 *     switch (reader.code()) { case AvpCode.CC_REQUEST_TYPE -> type = reader.int32(); ... }
 * }
 * if (reader.error() != AvpReadError.NONE) { ... 5014 with reader.avpOffset() ... }
 * }</pre>
 * Padding after each AVP is skipped whatever its content (senders in the wild put garbage there,
 * PROTOCOLS.md §4 item 1). A length that runs past the range stops the walk with {@link #error()} set;
 * nothing throws and nothing is read outside {@code [offset, limit)}. Typed getters return 0 when the data has
 * the wrong length for the type; validation reports that case as 5014 before decoders run.
 * <p>
 * Reads go through an Agrona {@link UnsafeBuffer} laid over the Netty buffer's memory ({@link BufferViews}): one
 * bounds check per read instead of Netty's reference-count and index checks on every {@code getInt}, which made
 * the walk several times slower. Offsets are the Netty buffer's indices either way. The AVP header and the
 * fixed-size values are read without even that check, because the reader keeps its own invariant instead: the range
 * is clamped to the view at every wrap, a header is read only after {@code remaining >= header length} was checked,
 * and {@code dataOffset + dataLength <= limit <= view capacity} holds in every state (a framing error leaves the
 * last good AVP's data in place). Per AVP this removes two bounds checks from the chain each AVP waits for.
 * Not thread safe; reuse one instance per nesting level.
 */
public final class AvpReader
{
    /** What {@link #nextAt(int)} returns when there is no AVP to move to. */
    public static final int END = -1;

    private static final ByteOrder NETWORK = ByteOrder.BIG_ENDIAN;

    private final UnsafeBuffer ownView = new UnsafeBuffer(0, 0);
    private UnsafeBuffer view = ownView;
    /** {@code view.byteArray()} and {@code view.addressOffset()}: base of the unchecked reads. */
    private byte[] viewArray;
    private long viewAddress;
    private byte[] copy;
    private ByteBuf buffer;
    private int position;
    private int limit;

    private int avpOffset;
    private int code;
    private int flags;
    private int length;
    private int vendorId;
    private int dataOffset;
    private int dataLength;
    private AvpReadError error = AvpReadError.NONE;

    /**
     * Walk the AVPs in {@code [offset, limit)}.
     *
     * @param buffer holding the AVPs.
     * @param offset of the first AVP.
     * @param limit  just past the last octet that belongs to the range.
     * @return this for chaining.
     */
    public AvpReader wrap(final ByteBuf buffer, final int offset, final int limit)
    {
        if (offset < 0)
        {
            throw new IndexOutOfBoundsException("AVP range starts at a negative offset: " + offset);
        }
        view = ownView;
        copy = BufferViews.attach(buffer, ownView, copy);
        viewArray = ownView.byteArray();
        viewAddress = ownView.addressOffset();
        return reset(buffer, offset, Math.min(limit, ownView.capacity()));
    }

    private AvpReader reset(final ByteBuf buffer, final int offset, final int limit)
    {
        this.buffer = buffer;
        this.position = offset;
        this.limit = limit;
        this.avpOffset = offset;
        this.code = 0;
        this.flags = 0;
        this.length = 0;
        this.vendorId = 0;
        this.dataOffset = offset;
        this.dataLength = 0;
        this.error = AvpReadError.NONE;
        return this;
    }

    /**
     * Walk the AVPs of a whole message, bounded by its Message Length and by the buffer's readable bytes.
     *
     * @param buffer        holding the message.
     * @param messageOffset of the message header.
     * @return this for chaining.
     */
    public AvpReader wrapMessage(final ByteBuf buffer, final int messageOffset)
    {
        final int messageLength = buffer.getUnsignedMedium(messageOffset + DiameterHeaderDescriptor.LENGTH_OFFSET);
        final int readableLimit = buffer.writerIndex();
        return wrap(buffer, messageOffset + DiameterHeaderDescriptor.HEADER_LENGTH,
            Math.min(readableLimit, messageOffset + messageLength));
    }

    /**
     * Walk the AVPs inside the current Grouped AVP of {@code parent}. The two share the parent's view of the buffer,
     * so this reader is valid only while the parent stays wrapped on the same buffer (as a group is walked inside
     * the walk of its parent): its unchecked reads use the memory address the parent had when this was called.
     *
     * @param parent positioned on a Grouped AVP.
     * @return this for chaining.
     */
    public AvpReader wrapGroup(final AvpReader parent)
    {
        view = parent.view;
        viewArray = parent.viewArray;
        viewAddress = parent.viewAddress;
        return reset(parent.buffer, parent.dataOffset, parent.dataOffset + parent.dataLength);
    }

    /**
     * Move to the next AVP.
     *
     * @return true when positioned on a well-framed AVP; false at the end of the range or on a framing error
     * (then {@link #error()} is not {@link AvpReadError#NONE} and {@link #avpOffset()} is the bad AVP).
     */
    public boolean next()
    {
        return END != nextAt(position);
    }

    /**
     * Move to the AVP at {@code offset}, for walks that keep the position in a local variable: a loop over
     * {@code position = nextAt(position)} has the next AVP's offset in a register, while {@link #next()} stores it in
     * this object and reads it back, which puts a store-to-load delay on the one chain each AVP waits for (its
     * offset comes from the previous AVP's length).
     *
     * @param offset where the AVP starts: {@link #position()} after a wrap, then what the previous call returned.
     * @return the offset just past this AVP and its padding (beyond the limit when the last AVP lacks its pad), or
     * {@link #END} at the end of the range or on a framing error, as {@link #next()} returning false.
     */
    public int nextAt(final int offset)
    {
        // next() passes the position, which a framing error sets to the limit: the walk stays stopped.
        if (offset >= limit)
        {
            return END;
        }
        if (offset < 0)
        {
            throw new IndexOutOfBoundsException("AVP offset is negative: " + offset);
        }

        avpOffset = offset;
        final int remaining = limit - offset;
        if (remaining < HEADER_LENGTH)
        {
            return fail(AvpReadError.TRUNCATED_HEADER);
        }

        // Code, Flags and Length are the first 8 octets (RFC 6733 §4.1): one read, one bounds check.
        final long codeFlagsAndLength = UnsafeApi.getLongUnaligned(viewArray, viewAddress + offset + CODE_OFFSET, true);
        code = (int)(codeFlagsAndLength >>> 32);
        final int flagsAndLength = (int)codeFlagsAndLength;
        flags = flagsAndLength >>> 24;
        length = flagsAndLength & 0xFF_FFFF;
        final boolean hasVendor = (flags & FLAG_VENDOR) != 0;
        final int headerLength = hasVendor ? VENDOR_HEADER_LENGTH : HEADER_LENGTH;
        if (hasVendor && remaining < VENDOR_HEADER_LENGTH)
        {
            return fail(AvpReadError.TRUNCATED_HEADER);
        }
        if (length < headerLength)
        {
            return fail(AvpReadError.LENGTH_TOO_SMALL);
        }
        if (length > remaining)
        {
            return fail(AvpReadError.OVERRUN);
        }

        vendorId = hasVendor ? UnsafeApi.getIntUnaligned(viewArray, viewAddress + offset + VENDOR_ID_OFFSET, true) : 0;
        dataOffset = offset + headerLength;
        dataLength = length - headerLength;
        // A missing final pad is tolerated: the range, not the pad, bounds the walk.
        final int following = offset + AvpDescriptor.paddedLength(length);
        position = following;
        return following;
    }

    /** @return offset of the next AVP to read: the start of the range after a wrap. */
    public int position()
    {
        return position;
    }

    /**
     * Readers for {@link #accept(AvpVisitor, AvpReader[])}.
     *
     * @param levels how many nesting levels below the walked range are visited.
     * @return that many new readers.
     */
    public static AvpReader[] scratch(final int levels)
    {
        final AvpReader[] readers = new AvpReader[levels];
        for (int i = 0; i < levels; i++)
        {
            readers[i] = new AvpReader();
        }
        return readers;
    }

    /**
     * Show every remaining AVP of the range to {@code visitor}, and the members of each Grouped AVP it asks for,
     * depth first. A framing error inside a group ends the walk of that group only, as a walk of the group on its
     * own would.
     *
     * @param visitor picks the fields.
     * @param scratch one reader per nesting level below this one; members deeper than {@code scratch.length} levels
     *                are not visited.
     */
    public void accept(final AvpVisitor visitor, final AvpReader[] scratch)
    {
        accept(this, 0, visitor, scratch);
    }

    private static void accept(
        final AvpReader reader, final int depth, final AvpVisitor visitor, final AvpReader[] scratch)
    {
        int position = reader.position;
        while (END != (position = reader.nextAt(position)))
        {
            if (visitor.visit(reader, depth) && depth < scratch.length)
            {
                accept(scratch[depth].wrapGroup(reader), depth + 1, visitor, scratch);
            }
        }
    }

    private int fail(final AvpReadError error)
    {
        this.error = error;
        this.position = limit;
        return END;
    }

    /**
     * Position on the first AVP (from the current position on) with the given code and vendor.
     *
     * @param code     AVP Code.
     * @param vendorId 0 for IETF AVPs.
     * @return true when found.
     */
    public boolean find(final int code, final int vendorId)
    {
        while (next())
        {
            if (this.code == code && this.vendorId == vendorId)
            {
                return true;
            }
        }
        return false;
    }

    /** @return why the walk stopped early, or {@link AvpReadError#NONE}. */
    public AvpReadError error()
    {
        return error;
    }

    /** @return the buffer being read. */
    public ByteBuf buffer()
    {
        return buffer;
    }

    /**
     * The fast view of the same memory, indexed like {@link #buffer()}; valid while the buffer is.
     *
     * @return the view.
     */
    public UnsafeBuffer view()
    {
        return view;
    }

    /** @return offset of the current AVP's header (or of the bad AVP after an error). */
    public int avpOffset()
    {
        return avpOffset;
    }

    /** @return the current AVP Code. */
    public int code()
    {
        return code;
    }

    /** @return the current AVP Flags octet. */
    public int flags()
    {
        return flags;
    }

    /** @return true when the M bit is set. */
    public boolean isMandatory()
    {
        return (flags & FLAG_MANDATORY) != 0;
    }

    /** @return true when the V bit is set. */
    public boolean isVendorSpecific()
    {
        return (flags & FLAG_VENDOR) != 0;
    }

    /** @return the Vendor-ID, 0 when the V bit is clear. */
    public int vendorId()
    {
        return vendorId;
    }

    /** @return the (vendor, code) key of the current AVP, see {@link AvpDescriptor#key(int, int)}. */
    public long key()
    {
        return AvpDescriptor.key(vendorId, code);
    }

    /** @return the AVP Length: header plus data, without padding. */
    public int length()
    {
        return length;
    }

    /** @return the AVP Length rounded up to include its padding. */
    public int paddedLength()
    {
        return AvpDescriptor.paddedLength(length);
    }

    /** @return offset of the first data octet. */
    public int dataOffset()
    {
        return dataOffset;
    }

    /** @return number of data octets. */
    public int dataLength()
    {
        return dataLength;
    }

    /** @return offset just past the range being walked. */
    public int limit()
    {
        return limit;
    }

    /** @return Integer32 or Enumerated value, 0 if the data is not 4 octets. */
    public int int32()
    {
        return 4 == dataLength ? UnsafeApi.getIntUnaligned(viewArray, viewAddress + dataOffset, true) : 0;
    }

    /** @return Unsigned32 value widened to a long, 0 if the data is not 4 octets. */
    public long uint32()
    {
        return 4 == dataLength ?
            UnsafeApi.getIntUnaligned(viewArray, viewAddress + dataOffset, true) & 0xFFFF_FFFFL : 0;
    }

    /** @return Integer64 value, or Unsigned64 as a long to be treated as unsigned; 0 if not 8 octets. */
    public long int64()
    {
        return 8 == dataLength ? UnsafeApi.getLongUnaligned(viewArray, viewAddress + dataOffset, true) : 0;
    }

    /**
     * Unsigned64 as a raw long: compare with {@link Long#compareUnsigned(long, long)}
     * (PROTOCOLS.md §4 item 7).
     *
     * @return the value, 0 if the data is not 8 octets.
     */
    public long uint64()
    {
        return int64();
    }

    /** @return Float32 value, 0 if the data is not 4 octets. */
    public float float32()
    {
        return 4 == dataLength ? view.getFloat(dataOffset, NETWORK) : 0;
    }

    /** @return Float64 value, 0 if the data is not 8 octets. */
    public double float64()
    {
        return 8 == dataLength ? view.getDouble(dataOffset, NETWORK) : 0;
    }

    /** @return Time value as Unix seconds (2036 rollover handled, {@link DiameterTime}); 0 if not 4 octets. */
    public long timeUnixSeconds()
    {
        return 4 == dataLength ? DiameterTime.toUnixSeconds(view.getInt(dataOffset, NETWORK) & 0xFFFF_FFFFL) : 0;
    }

    /**
     * Address type of an Address AVP (RFC 6733 §4.3.1: IANA address family, 1 IPv4, 2 IPv6).
     *
     * @return the family, or -1 when the data is shorter than the two-octet family.
     */
    public int addressFamily()
    {
        return dataLength >= 2 ? view.getShort(dataOffset, NETWORK) & 0xFFFF : -1;
    }

    /**
     * Copy the data of the current AVP.
     *
     * @param destination array to copy into.
     * @param offset      in the destination.
     * @param maxLength   most octets to copy.
     * @return number of octets copied, min(dataLength, maxLength).
     */
    public int copyData(final byte[] destination, final int offset, final int maxLength)
    {
        final int count = Math.min(dataLength, maxLength);
        view.getBytes(dataOffset, destination, offset, count);
        return count;
    }

    /**
     * @param bytes to compare with.
     * @return true when the current AVP's data equals {@code bytes} octet for octet.
     */
    public boolean dataEquals(final byte[] bytes)
    {
        if (bytes.length != dataLength)
        {
            return false;
        }
        for (int i = 0; i < dataLength; i++)
        {
            if (view.getByte(dataOffset + i) != bytes[i])
            {
                return false;
            }
        }
        return true;
    }

    /**
     * Decode the data as UTF-8. Allocates: for logs, configuration and tests, not the hot path.
     *
     * @return the text.
     */
    public String utf8()
    {
        return buffer.toString(dataOffset, dataLength, StandardCharsets.UTF_8);
    }
}
