package io.gyro.protocol.diameter;

/**
 * Offsets, flags and limits of a Diameter AVP (RFC 6733 §4.1).
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                           AVP Code                            |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V M P r r r r r|                  AVP Length                   |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                        Vendor-ID (opt)                        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |    Data ...
 * +-+-+-+-+-+-+-+-+
 * </pre>
 * The AVP Length covers header and data but not the padding that follows to the next 32-bit boundary
 * (§4.1); a Grouped AVP's length includes the padding of the AVPs inside it (§4.4).
 */
public final class AvpDescriptor
{
    /** Offset of the AVP Code. */
    public static final int CODE_OFFSET = 0;
    /** Offset of the AVP Flags octet. */
    public static final int FLAGS_OFFSET = 4;
    /** Offset of the three-octet AVP Length. */
    public static final int LENGTH_OFFSET = 5;
    /** Offset of the Vendor-ID, present only when the V bit is set. */
    public static final int VENDOR_ID_OFFSET = 8;
    /** Header length without a Vendor-ID. */
    public static final int HEADER_LENGTH = 8;
    /** Header length with a Vendor-ID. */
    public static final int VENDOR_HEADER_LENGTH = 12;

    /** V bit: the optional Vendor-ID field is present. */
    public static final int FLAG_VENDOR = 0x80;
    /** M bit: the receiver must understand the AVP or reject the message (5001). */
    public static final int FLAG_MANDATORY = 0x40;
    /** P bit: end-to-end security; SHOULD be 0 (RFC 6733 §4.1), dropped by RFC 8506 §8. */
    public static final int FLAG_PROTECTED = 0x20;

    private AvpDescriptor()
    {
    }

    /**
     * @param length an AVP Length.
     * @return the length rounded up to the next multiple of four, as padding requires.
     */
    public static int paddedLength(final int length)
    {
        return (length + 3) & ~3;
    }

    /**
     * @param vendorId of an AVP, 0 for IETF AVPs.
     * @return the header length such an AVP has.
     */
    public static int headerLength(final int vendorId)
    {
        return 0 == vendorId ? HEADER_LENGTH : VENDOR_HEADER_LENGTH;
    }

    /**
     * Key that identifies an AVP definition: AVPs are named by (code, vendor) (PROTOCOLS.md §4 item 4).
     *
     * @param vendorId 0 for IETF AVPs.
     * @param code     the AVP Code.
     * @return a 64-bit key with the vendor in the high half.
     */
    public static long key(final int vendorId, final int code)
    {
        return ((long)vendorId << 32) | (code & 0xFFFF_FFFFL);
    }
}
