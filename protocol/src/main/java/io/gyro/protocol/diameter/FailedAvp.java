package io.gyro.protocol.diameter;

import io.gyro.protocol.diameter.dictionary.AvpCode;
import io.netty.buffer.ByteBuf;

/**
 * The offending AVP of a rejected message, kept as offsets into the request so that the answer's Failed-AVP
 * (RFC 6733 §7.5) can be written without building objects: either a copy of the whole AVP (5001, 5004, 5008,
 * 5009, 3009), or a header with a zero-filled value (5005: the missing AVP; 5014: the AVP with a bad length,
 * whose value is replaced by zeros of the minimum length its type needs). An AVP found inside Grouped AVPs is
 * wrapped in copies of its parents' headers (§7.5: "MAY" — it tells the peer where it was). Up to
 * {@link #MAX_AVPS} AVPs side by side under the same parents, for errors that name two (RFC 6733 §6.11: both
 * application ids of a Vendor-Specific-Application-Id). Not thread safe; owned by one {@link DiameterValidator}.
 */
public final class FailedAvp
{
    /** Deepest parent chain kept; matches the validator's nesting limit. */
    public static final int MAX_PARENTS = DiameterValidator.MAX_NESTING_DEPTH;
    /** Most offending AVPs reported together. */
    public static final int MAX_AVPS = 2;

    private final int[] parentOffsets = new int[MAX_PARENTS];
    private int parentCount;
    private int count;
    private final boolean[] copy = new boolean[MAX_AVPS];
    private final int[] offset = new int[MAX_AVPS];
    private final int[] length = new int[MAX_AVPS];
    private final int[] code = new int[MAX_AVPS];
    private final int[] flags = new int[MAX_AVPS];
    private final int[] vendorId = new int[MAX_AVPS];
    private final int[] zeroDataLength = new int[MAX_AVPS];

    void clear()
    {
        count = 0;
        parentCount = 0;
    }

    void parents(final int[] offsets, final int count)
    {
        parentCount = Math.min(count, MAX_PARENTS);
        System.arraycopy(offsets, 0, parentOffsets, 0, parentCount);
    }

    void copyOf(final int offset, final int length)
    {
        count = 0;
        alsoCopyOf(offset, length);
    }

    void alsoCopyOf(final int offset, final int length)
    {
        final int i = count++;
        this.copy[i] = true;
        this.offset[i] = offset;
        this.length[i] = length;
    }

    void zeroFilled(final int code, final int flags, final int vendorId, final int dataLength)
    {
        count = 0;
        alsoZeroFilled(code, flags, vendorId, dataLength);
    }

    void alsoZeroFilled(final int code, final int flags, final int vendorId, final int dataLength)
    {
        final int i = count++;
        this.copy[i] = false;
        this.code[i] = code;
        this.flags[i] = flags;
        this.vendorId[i] = vendorId;
        this.zeroDataLength[i] = dataLength;
    }

    /** @return true when there is an AVP to report. */
    public boolean isPresent()
    {
        return count > 0;
    }

    /** @return number of offending AVPs reported side by side (0 when none). */
    public int avpCount()
    {
        return count;
    }

    /** @return true when the (first) AVP is copied from the request as it was. */
    public boolean isCopy()
    {
        return copy[0];
    }

    /** @return AVP Code of the (first) zero-filled AVP. */
    public int code()
    {
        return code[0];
    }

    /** @return Vendor-ID of the (first) zero-filled AVP. */
    public int vendorId()
    {
        return vendorId[0];
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
        if (0 == count)
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
        for (int i = 0; i < count; i++)
        {
            if (copy[i])
            {
                encoder.raw(request, offset[i], length[i]);
            }
            else
            {
                encoder.zeroFilled(code[i], flags[i], vendorId[i], zeroDataLength[i]);
            }
        }
        for (int i = 0; i < parentCount; i++)
        {
            encoder.endGroup();
        }
        encoder.endGroup();
    }
}
