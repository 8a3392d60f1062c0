package io.gyro.protocol.radius;

/**
 * Layout of the sub-attributes inside a Vendor-Specific (26) value, as FreeRADIUS declares it with
 * {@code VENDOR name id format=t,l[,c]}.
 * <pre>
 * STANDARD (RFC 2865 §5.26 "SHOULD"):  | Vendor-Type (1) | Vendor-Length (1) | Value |
 * STARENT  (format=2,2):               | Vendor-Type (2) | Vendor-Length (2) | Value |
 * WIMAX    (format=1,1,c):             | Vendor-Type (1) | Vendor-Length (1) | C rrrrrrr (1) | Value |
 * </pre>
 * Vendor-Length counts the sub-attribute header as well as the value. A zero-octet length field
 * (format=t,0) means the single sub-attribute takes the rest of the Vendor-Specific value. The WiMAX C bit
 * (0x80) says the next WiMAX sub-attribute of the same type continues this value.
 */
public final class RadiusVendorFormat
{
    /** The format RFC 2865 §5.26 recommends: one-octet type and one-octet length. */
    public static final RadiusVendorFormat STANDARD = new RadiusVendorFormat(1, 1, false);
    /** Starent / Cisco StarOS (vendor 8164): two-octet type and two-octet length (FreeRADIUS format=2,2). */
    public static final RadiusVendorFormat STARENT = new RadiusVendorFormat(2, 2, false);
    /** WiMAX Forum (vendor 24757): one-octet type and length plus a continuation octet (format=1,1,c). */
    public static final RadiusVendorFormat WIMAX = new RadiusVendorFormat(1, 1, true);

    /** Mask of the WiMAX continuation bit in the continuation octet (NWG Stage 3, FreeRADIUS dictionary.wimax). */
    public static final int WIMAX_CONTINUATION_BIT = 0x80;

    private final int typeLength;
    private final int lengthLength;
    private final boolean continuation;

    private RadiusVendorFormat(final int typeLength, final int lengthLength, final boolean continuation)
    {
        this.typeLength = typeLength;
        this.lengthLength = lengthLength;
        this.continuation = continuation;
    }

    /**
     * The format for a FreeRADIUS {@code format=} declaration, sharing the constants where they match.
     *
     * @param typeLength   octets of the sub-attribute type: 1, 2 or 4.
     * @param lengthLength octets of the sub-attribute length: 0, 1 or 2.
     * @param continuation whether a WiMAX-style continuation octet follows the length (needs a 1-octet length).
     * @return the format.
     * @throws IllegalArgumentException when the combination is not one FreeRADIUS accepts.
     */
    public static RadiusVendorFormat of(final int typeLength, final int lengthLength, final boolean continuation)
    {
        if (typeLength != 1 && typeLength != 2 && typeLength != 4)
        {
            throw new IllegalArgumentException("vendor type length must be 1, 2 or 4: " + typeLength);
        }
        if (lengthLength < 0 || lengthLength > 2)
        {
            throw new IllegalArgumentException("vendor length length must be 0, 1 or 2: " + lengthLength);
        }
        if (continuation && (typeLength != 1 || lengthLength != 1))
        {
            throw new IllegalArgumentException("continuation octet needs format=1,1: " + typeLength + "," + lengthLength);
        }
        if (STANDARD.matches(typeLength, lengthLength, continuation))
        {
            return STANDARD;
        }
        if (STARENT.matches(typeLength, lengthLength, continuation))
        {
            return STARENT;
        }
        if (WIMAX.matches(typeLength, lengthLength, continuation))
        {
            return WIMAX;
        }
        return new RadiusVendorFormat(typeLength, lengthLength, continuation);
    }

    /**
     * The built-in format of a vendor when no dictionary is at hand: Starent and WiMAX are the two
     * non-standard vendors the charging server meets; everything else uses {@link #STANDARD}.
     *
     * @param vendorId IANA enterprise number.
     * @return the sub-attribute format.
     */
    public static RadiusVendorFormat forVendor(final int vendorId)
    {
        switch (vendorId)
        {
            case RadiusVendorId.STARENT: return STARENT;
            case RadiusVendorId.WIMAX: return WIMAX;
            default: return STANDARD;
        }
    }

    private boolean matches(final int typeLength, final int lengthLength, final boolean continuation)
    {
        return this.typeLength == typeLength && this.lengthLength == lengthLength && this.continuation == continuation;
    }

    /**
     * Octets of the sub-attribute type field.
     *
     * @return 1, 2 or 4.
     */
    public int typeLength()
    {
        return typeLength;
    }

    /**
     * Octets of the sub-attribute length field.
     *
     * @return 0, 1 or 2; 0 means the sub-attribute runs to the end of the Vendor-Specific value.
     */
    public int lengthLength()
    {
        return lengthLength;
    }

    /**
     * Whether a WiMAX continuation octet follows the length field.
     *
     * @return true for the WiMAX format.
     */
    public boolean hasContinuation()
    {
        return continuation;
    }

    /**
     * Octets in front of each sub-attribute value.
     *
     * @return type + length (+ continuation) octets.
     */
    public int headerLength()
    {
        return typeLength + lengthLength + (continuation ? 1 : 0);
    }

    /**
     * Largest sub-attribute type the format can carry.
     *
     * @return 255, 65535 or {@link Integer#MAX_VALUE} (4-octet types are read as signed ints).
     */
    public int maxType()
    {
        return 4 == typeLength ? Integer.MAX_VALUE : (1 << (8 * typeLength)) - 1;
    }

    @Override
    public String toString()
    {
        return "format=" + typeLength + "," + lengthLength + (continuation ? ",c" : "");
    }
}
