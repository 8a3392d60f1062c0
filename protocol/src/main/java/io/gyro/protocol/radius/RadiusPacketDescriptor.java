package io.gyro.protocol.radius;

/**
 * Offsets and limits of a RADIUS packet, RFC 2865 §3 and §5.
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     Code      |  Identifier   |            Length             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                                                               |
 * |                     Authenticator (16 octets)                 |
 * |                                                               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Attributes ...   Type(1) | Length(1) | Value(Length - 2)
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * Vendor-Specific (26), RFC 2865 §5.26: {@code 26 | Length | Vendor-Id (4, high octet 0) | String}, where the
 * String usually holds sub-attributes (see {@link RadiusVendorFormat}).
 */
public final class RadiusPacketDescriptor
{
    /** Offset of the Code octet. */
    public static final int CODE_OFFSET = 0;
    /** Offset of the Identifier octet. */
    public static final int IDENTIFIER_OFFSET = 1;
    /** Offset of the two-octet Length field (network byte order, includes the header). */
    public static final int LENGTH_OFFSET = 2;
    /** Offset of the 16-octet Authenticator. */
    public static final int AUTHENTICATOR_OFFSET = 4;
    /** Size of the Authenticator, RFC 2865 §3. */
    public static final int AUTHENTICATOR_LENGTH = 16;
    /** Size of the fixed header: Code, Identifier, Length, Authenticator. */
    public static final int HEADER_LENGTH = 20;

    /** Smallest legal Length: "The minimum length is 20" (RFC 2865 §3). */
    public static final int MIN_PACKET_LENGTH = 20;
    /** Largest legal Length: "the maximum length is 4096" (RFC 2865 §3). */
    public static final int MAX_PACKET_LENGTH = 4096;

    /** Type and Length octets in front of every attribute value (RFC 2865 §5). */
    public static final int ATTRIBUTE_HEADER_LENGTH = 2;
    /** Smallest legal attribute Length: just Type and Length (RFC 2865 §5, "a length of 0 or 1 is invalid"). */
    public static final int MIN_ATTRIBUTE_LENGTH = 2;
    /** Largest attribute Length: a one-octet field. */
    public static final int MAX_ATTRIBUTE_LENGTH = 255;
    /** Largest attribute value: 255 minus Type and Length (RFC 2865 §5: "253 octets"). */
    public static final int MAX_ATTRIBUTE_VALUE_LENGTH = MAX_ATTRIBUTE_LENGTH - ATTRIBUTE_HEADER_LENGTH;

    /** Size of the Vendor-Id at the start of a Vendor-Specific value (RFC 2865 §5.26). */
    public static final int VENDOR_ID_LENGTH = 4;
    /** Largest Vendor-Specific "String" part: 253 minus the Vendor-Id. */
    public static final int MAX_VENDOR_STRING_LENGTH = MAX_ATTRIBUTE_VALUE_LENGTH - VENDOR_ID_LENGTH;

    /** Message-Authenticator (80) value size: an HMAC-MD5 (RFC 3579 §3.2). */
    public static final int MESSAGE_AUTHENTICATOR_VALUE_LENGTH = 16;
    /** Message-Authenticator (80) attribute size: "Length = 18" (RFC 3579 §3.2). */
    public static final int MESSAGE_AUTHENTICATOR_LENGTH = ATTRIBUTE_HEADER_LENGTH + MESSAGE_AUTHENTICATOR_VALUE_LENGTH;

    /** User-Password hiding works on 16-octet blocks: the MD5 output size (RFC 2865 §5.2). */
    public static final int USER_PASSWORD_BLOCK_LENGTH = 16;
    /** Longest hidden User-Password: "between 16 and 128 octets" (RFC 2865 §5.2). */
    public static final int MAX_USER_PASSWORD_LENGTH = 128;

    /** CHAP-Password value: CHAP Ident (1) plus a 16-octet MD5 response (RFC 2865 §5.3). */
    public static final int CHAP_PASSWORD_VALUE_LENGTH = 17;

    /** Every 32-bit number (integer, ipaddr, date) is four octets (RFC 2865 §5). */
    public static final int INTEGER_VALUE_LENGTH = 4;

    private RadiusPacketDescriptor()
    {
    }
}
