package io.gyro.protocol.diameter.dictionary;

/**
 * Values of the {@code Redirect-Address-Type} AVP (code 433), RFC 4006 §8.38.
 * <p>
 * An open enumeration: a value not listed here is kept and passed on, never rejected.
 * Mirrors the XML entry; {@code DictionaryConstantsTest} fails when the two disagree.
 */
public final class RedirectAddressType
{
    /** AVP Code of {@code Redirect-Address-Type}. */
    public static final int AVP_CODE = AvpCode.REDIRECT_ADDRESS_TYPE;

    /** Vendor-ID of {@code Redirect-Address-Type}. */
    public static final int VENDOR_ID = VendorId.IETF;

    /** IPv4 Address (0). */
    public static final int IPV4_ADDRESS = 0;

    /** IPv6 Address (1). */
    public static final int IPV6_ADDRESS = 1;

    /** URL (2). */
    public static final int URL = 2;

    /** SIP URI (3). */
    public static final int SIP_URI = 3;

    private RedirectAddressType()
    {
    }
}
