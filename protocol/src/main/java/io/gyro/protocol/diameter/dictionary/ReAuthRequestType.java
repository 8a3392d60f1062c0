package io.gyro.protocol.diameter.dictionary;

/**
 * Values of the {@code Re-Auth-Request-Type} AVP (code 285), RFC 6733 §8.12.
 * <p>
 * A strict enumeration: a value not listed here is 5004 DIAMETER_INVALID_AVP_VALUE.
 * Mirrors the XML entry; {@code DictionaryConstantsTest} fails when the two disagree.
 */
public final class ReAuthRequestType
{
    /** AVP Code of {@code Re-Auth-Request-Type}. */
    public static final int AVP_CODE = AvpCode.RE_AUTH_REQUEST_TYPE;

    /** Vendor-ID of {@code Re-Auth-Request-Type}. */
    public static final int VENDOR_ID = VendorId.IETF;

    /** AUTHORIZE_ONLY (0). */
    public static final int AUTHORIZE_ONLY = 0;

    /** AUTHORIZE_AUTHENTICATE (1). */
    public static final int AUTHORIZE_AUTHENTICATE = 1;

    private ReAuthRequestType()
    {
    }
}
