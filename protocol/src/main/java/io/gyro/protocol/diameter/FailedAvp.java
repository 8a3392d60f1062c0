package io.gyro.protocol.diameter;

import io.gyro.protocol.diameter.dictionary.AvpCode;
import io.netty.buffer.ByteBuf;

/**
 * The offending AVP of a rejected message, kept as offsets into the request so that the answer's Failed-AVP
 * (RFC 6733 §7.5) can be written without building objects: either a copy of the whole AVP (5001, 5004, 5008,
 * 5009, 3009), or a header with a zero-filled value (5005: the missing AVP; 5014: the AVP with a bad length,
 * whose value is replaced by zeros of the minimum length its type needs). An AVP found inside Grouped AVPs is
 * wrapped in copies of its parents' headers (§7.5: "MAY" — it tells the peer where it was).
 * Not thread safe; owned by one {@link DiameterValidator}.
 */
public final class FailedAvp
{
    /** Deepest parent chain kept; matches the validator's nesting limit. */
    public static final int MAX_PARENTS = DiameterValidator.MAX_NESTING_DEPTH;

    private final int[] parentOffsets = new int[MAX_PARENTS];
    private int parentCount;
    private boolean present;
    private boolean copy;
    private int offset;
    private int length;
    private int code;
    private int flags;
    private int vendorId;
    private int zeroDataLength;

    void clear()
    {
        present = false;
        parentCount = 0;
    }

    void parents(final int[] offsets, final int count)
    {
        parentCount = Math.min(count, MAX_PARENTS);
        System.arraycopy(offsets, 0, parentOffsets, 0, parentCount);
    }

    void copyOf(final int offset, final int length)
    {
        this.present = true;
        this.copy = true;
        this.offset = offset;
        this.length = length;
    }

    void zeroFilled(final int code, final int flags, final int vendorId, final int dataLength)
    {
        this.present = true;
        this.copy = false;
        this.code = code;
        this.flags = flags;
        this.vendorId = vendorId;
        this.zeroDataLength = dataLength;
    }

    /** @return true when there is an AVP to report. */
    public boolean isPresent()
    {
        return present;
    }

    /** @return true when the AVP is copied from the request as it was. */
    public boolean isCopy()
    {
        return copy;
    }

    /** @return AVP Code of a zero-filled AVP. */
    public int code()
    {
        return code;
    }

    /** @return Vendor-ID of a zero-filled AVP. */
    public int vendorId()
    {
        return vendorId;
    }

    /** @return number of enclosing Grouped AVPs. */
    public int parentCount()
    {
        return parentCount;
    }

    /**
     * Write a Failed-AVP (279) into an answer.
     *
     * @param encoder wrapped on the answer.
     * @param request buffer holding the request the offsets refer to.
     */
    public void writeTo(final DiameterEncoder encoder, final ByteBuf request)
    {
        if (!present)
        {
            return;
        }
        encoder.beginGroup(AvpCode.FAILED_AVP, AvpDescriptor.FLAG_MANDATORY, 0);
        for (int i = 0; i < parentCount; i++)
        {
            final int parent = parentOffsets[i];
            final int parentFlags = request.getUnsignedByte(parent + AvpDescriptor.FLAGS_OFFSET);
            final int parentVendor = (parentFlags & AvpDescriptor.FLAG_VENDOR) != 0 ?
                request.getInt(parent + AvpDescriptor.VENDOR_ID_OFFSET) : 0;
            encoder.beginGroup(request.getInt(parent), parentFlags & ~AvpDescriptor.FLAG_VENDOR, parentVendor);
        }
        if (copy)
        {
            encoder.raw(request, offset, length);
        }
        else
        {
            encoder.zeroFilled(code, flags, vendorId, zeroDataLength);
        }
        for (int i = 0; i < parentCount; i++)
        {
            encoder.endGroup();
        }
        encoder.endGroup();
    }
}
